# The assistant's action server: the pinned rasa-sdk image plus aiohttp, which bot/actions/site_api.py uses to ask
# the site's API and which the stock image does not include (in the bot's environment it comes with rasa), and the
# language detector bot/actions/languages.py uses.
# The actions themselves are mounted from bot/actions (docker-compose.yml), so changing them needs no rebuild.
FROM rasa/rasa-sdk:3.6.2

USER root
# The same aiohttp and language detector as bot/requirements.txt.
RUN python -m pip install --no-cache-dir aiohttp==3.9.5 lingua-language-detector==2.1.1
USER 1001

CMD ["start", "--actions", "actions"]
