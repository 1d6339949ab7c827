# The HelpHub site: Django + Wagtail under gunicorn (docker-compose.yml runs it; see docs/deployment.md).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=helphub.settings.production \
    HELPHUB_VAR_DIR=/app/var

WORKDIR /app

COPY requirements.txt ./
RUN pip install -r requirements.txt

COPY site/ site/
COPY content/ content/
COPY deploy/ deploy/

# Static files are collected once, at build, with the production settings (hashed, compressed names). The
# production settings refuse to start without a secret key: a dummy one serves this step only and is in no
# running container. At start the site copies them into the volume it shares with nginx (docker-compose.yml).
ARG DJANGO_SECRET_KEY_BUILD=collectstatic-only-not-a-secret-0123456789-abcdefghijklmnopqrstuvwxyz
RUN DJANGO_SECRET_KEY="$DJANGO_SECRET_KEY_BUILD" DJANGO_STATIC_ROOT=/app/static-build \
    python site/manage.py collectstatic --no-input -v0

RUN useradd --system --uid 10001 --home-dir /app --no-create-home helphub \
    && mkdir -p /app/static /app/media /app/var \
    && chown helphub:helphub /app/static /app/media /app/var
USER helphub

EXPOSE 8000
CMD ["gunicorn", "-c", "deploy/gunicorn.conf.py", "--chdir", "site", "helphub.wsgi"]
