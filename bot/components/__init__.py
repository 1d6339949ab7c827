try:  # in the assistant's environment: Rasa's check of action server answers builds each schema's validator once
    from components.schema_check import install as _check_schemas_once
except ImportError:  # the crisis matcher used without Rasa (scripts, the site's tests)
    pass
else:
    _check_schemas_once()
