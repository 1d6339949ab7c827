# nginx with the cache purge module (ngx_cache_purge), so that Wagtail can PURGE a page from nginx's cache when it
# is published. The stock nginx image has no such module; Debian packages it. The same Debian nginx (1.22) and module
# run tests/deploy/test_nginx.py, so what the tests check is what this image runs.
# Uses a heredoc (Dockerfile syntax 1.4+: Docker 23 or newer, the default BuildKit builder of `docker compose build`).
# Pin the base image's digest when deploying (docs/deployment.md, "Pinning the images").
FROM debian:bookworm-slim

RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        nginx libnginx-mod-http-cache-purge gettext-base \
    && rm -rf /var/lib/apt/lists/* /etc/nginx/sites-enabled/default /etc/nginx/modules-enabled/* /etc/nginx/nginx.conf \
    && ln -sf /dev/stderr /var/log/nginx/error.log

# What deploy/nginx.conf's placeholders stand for in this image.
ENV NGINX_PUBLIC_LISTEN=8080 \
    NGINX_INTERNAL_LISTEN=8081 \
    NGINX_SITE=site:8000 \
    NGINX_RUN_DIR=/run/nginx \
    NGINX_CACHE_DIR=/var/cache/nginx

# At each start: trusted-proxies.conf from HELPHUB_TRUSTED_PROXIES (comma-separated addresses or ranges of the TLS
# proxy), then deploy/nginx.conf (mounted at /etc/nginx/helphub.conf.in) with only the placeholders above replaced.
# A stale socket left by a crash would stop nginx from listening again, so it is removed first.
COPY --chmod=0755 <<'EOF' /usr/local/bin/helphub-nginx
#!/bin/sh
set -euf
: "${HELPHUB_TRUSTED_PROXIES:?set HELPHUB_TRUSTED_PROXIES to the address or range the TLS proxy connects from}"
for proxy in $(echo "$HELPHUB_TRUSTED_PROXIES" | tr ',' ' '); do
    echo "set_real_ip_from $proxy;"
done > /etc/nginx/trusted-proxies.conf
envsubst '${NGINX_PUBLIC_LISTEN} ${NGINX_INTERNAL_LISTEN} ${NGINX_SITE} ${NGINX_RUN_DIR} ${NGINX_CACHE_DIR}' \
    < /etc/nginx/helphub.conf.in > /etc/nginx/nginx.conf
mkdir -p "$NGINX_RUN_DIR" "$NGINX_CACHE_DIR"
rm -f "$NGINX_RUN_DIR/origin-gate.sock"
exec nginx -g 'daemon off;'
EOF

# Public (published by docker-compose.yml) and internal (the Docker networks only).
EXPOSE 8080 8081
STOPSIGNAL SIGQUIT
CMD ["helphub-nginx"]
