"""`python -m vidloom` is the `vidloom` command."""
from .cli import app

if __name__ == "__main__":
    app(prog_name="vidloom")
