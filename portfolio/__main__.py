"""`python -m portfolio` is the `portfolio` command."""
from .cli import main

main()
