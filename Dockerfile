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
# Request limits (docs/deployment.md): a request line of 4 KiB, 50 headers of 8 KiB at most,
# 30 s per request. Gunicorn has no body limit: Django refuses a body over 6 MiB before
# reading it (REQUEST_BODY_MAX_BYTES), and the proxy in front must too (client_max_body_size).
CMD ["gunicorn", "vsi_portal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", \
     "--limit-request-line", "4094", "--limit-request-fields", "50", \
     "--limit-request-field_size", "8190", "--timeout", "30", "--access-logfile", "-"]
