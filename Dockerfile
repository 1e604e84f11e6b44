# Production image: slim, non-root, static files collected at build time.
FROM python:3.11-slim AS base

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN apt-get update \
 && apt-get install -y --no-install-recommends gettext \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system vsi && useradd --system --gid vsi --home /app vsi

WORKDIR /app
COPY . .
RUN pip install --constraint constraints.txt --editable .
RUN DATABASE_URL=sqlite:////tmp/build.sqlite3 python manage.py compilemessages --ignore '.venv/*' \
 && DATABASE_URL=sqlite:////tmp/build.sqlite3 python manage.py collectstatic --noinput \
 && mkdir -p /data/media && chown -R vsi:vsi /data /app/staticfiles

USER vsi
ENV MEDIA_ROOT=/data/media
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --retries=3 \
  CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/', timeout=4).status == 200 else 1)"
CMD ["gunicorn", "vsi_portal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
