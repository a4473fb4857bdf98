"""The package version, one place: ``sim.__version__`` and the build (pyproject.toml) read it."""

__version__ = "0.1.0"
