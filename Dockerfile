# The tracker's production image: the web server and the projector worker share it.
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY tracker ./tracker
COPY migrations ./migrations
COPY docs ./docs
COPY manage.py ./
RUN pip install --no-cache-dir .
ENV STATIC_ROOT=/app/staticfiles
RUN SECRET_KEY=collectstatic-only-key-not-used-at-run-time DATABASE_URL=postgresql://build@localhost/none \
    python manage.py collectstatic --noinput
# 8000: every view (granian WSGI, WEB_WORKERS processes x WEB_THREADS threads, by default one
# process per core); 8001: the event streams (one ASGI process), where 8000 redirects them.
EXPOSE 8000 8001
CMD ["python", "manage.py", "serve", "--host", "0.0.0.0", "--port", "8000", "--stream-port", "8001"]
