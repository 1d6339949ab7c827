# The assistant's action server: the pinned rasa-sdk image plus aiohttp, which bot/actions/site_api.py uses to ask
# the site's API and which the stock image does not include (in the bot's environment it comes with rasa), and the
# language detector bot/actions/languages.py uses.
# The actions themselves are mounted from bot/actions (docker-compose.yml), so changing them needs no rebuild.
FROM rasa/rasa-sdk:3.6.2

USER root
# The language detector is the one in bot/requirements.txt. aiohttp is newer than the 3.9.5 there: Rasa 3.6 holds
# the bot's environment below 3.10, but this image has no Rasa, and 3.14.5 fixes CVE-2024-52304, CVE-2025-53643 and
# the later aiohttp advisories (docs/dependencies.md). It needs the image's Python 3.10. The actions' tests ran once
# on it (2026-12-02); make test runs them on the 3.9.5 of bot/requirements.txt.
RUN python -m pip install --no-cache-dir aiohttp==3.14.5 lingua-language-detector==2.1.1
USER 1001

CMD ["start", "--actions", "actions"]
