"""The assistant's custom actions (run by rasa_sdk's action server)."""

import logging


class _QuietSkippedValidation(logging.Filter):
    """rasa_sdk's forms log "Skipping validation for `...`: there is no validation method specified" for every slot
    without its own check, about six lines a message (measured: 4.5 % of the action server's time, and most of its
    log). It is how the help form is meant to work, not a problem: those lines are dropped, other warnings kept."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "there is no validation method specified" not in str(record.msg)


logging.getLogger("rasa_sdk.forms").addFilter(_QuietSkippedValidation())
