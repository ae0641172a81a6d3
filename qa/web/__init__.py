"""The web chat's parts: what `app.py` wires into Gradio, kept apart so each can be tested alone."""
