"""handouts: clear, branded home-exercise sheets for patients."""

__version__ = "0.1.0"
