# Vallöften production image. Migrations are a separate step (see README: Deploy).
FROM python:3.11-slim AS app

ENV DJANGO_DEBUG=false \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# Runtime dependencies only, exactly as pinned (with hashes) in the lockfile.
COPY requirements-pip.lock requirements.lock ./
RUN pip install --require-hashes -r requirements-pip.lock \
 && pip install --require-hashes -r requirements.lock

COPY . .

# Static files are collected at build time and served by WhiteNoise. The build-time key is
# only for these two commands; the running container must be given its own.
RUN DJANGO_SECRET_KEY=build-only-not-secret DJANGO_ALLOWED_HOSTS=localhost \
        python manage.py collectstatic --noinput \
    && DJANGO_SECRET_KEY=build-only-not-secret-but-long-enough-for-check-deploy-0123456789 \
        DJANGO_ALLOWED_HOSTS=localhost DJANGO_HSTS_SECONDS=31536000 \
        python manage.py check --deploy --fail-level WARNING

RUN useradd --system --uid 10001 --home-dir /app valloften && chown -R valloften /app
USER valloften

EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", \
     "--access-logfile", "-", "--error-logfile", "-"]
