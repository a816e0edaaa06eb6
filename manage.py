#!/usr/bin/env python
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    # manage.py is the developer's entry point: debug unless said otherwise. The served app
    # (config/wsgi.py, gunicorn) and the Docker image default to debug off, where a missing
    # DJANGO_SECRET_KEY stops the start.
    os.environ.setdefault("DJANGO_DEBUG", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
