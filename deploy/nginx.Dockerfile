# nginx with the cache purge module (ngx_cache_purge), so that Wagtail can PURGE a page from nginx's cache when it
# is published. The stock nginx image has no such module; Debian packages it.
FROM debian:bookworm-slim

RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        nginx-light libnginx-mod-http-cache-purge \
    && rm -rf /var/lib/apt/lists/* /etc/nginx/sites-enabled/default \
    && ln -sf /dev/stderr /var/log/nginx/error.log

# deploy/nginx.conf is mounted over /etc/nginx/nginx.conf (docker-compose.yml).
EXPOSE 8080
STOPSIGNAL SIGQUIT
CMD ["nginx", "-g", "daemon off;"]
