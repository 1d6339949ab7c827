"""Which intent a message has: TF-IDF weighted word and character n-grams and a logistic regression.

Rasa's own `CountVectorsFeaturizer` + `LogisticRegressionClassifier` do the same job with raw counts and a fixed
regularisation (C = 1, not configurable), and they featurize one message at a time. On HelpHub's data (about 10 000
examples in eight languages) they reached 0.878-0.910 held-out accuracy and took about 80 s to train. The same model
family with sublinear TF-IDF weights (a word said twice is not twice the evidence; rare words weigh more than "my"),
character n-grams from 2 letters (short words and stems in eight languages) and C = 10 (chosen by 5-fold
cross-validation on the training data, not on the held-out sets) reaches 0.92-0.95 and trains in about 3 s, because
scikit-learn featurizes the whole data set at once. Measured figures: docs/assistant.md.

The component needs no tokenizer and no featurizer before it; it sets `intent` and `intent_ranking` like Rasa's
classifiers, so the FallbackClassifier and the crisis layer after it work unchanged. The fitted model is stored as
plain data (the vocabularies and weights in JSON and NumPy files, nothing pickled), which also keeps Rasa small:
loading it adds about 30 MB, where skops (Rasa's choice for its own classifiers) added 110 MB.

With 25 languages (34 000 examples) the vocabularies and weights grew to 255 000 n-grams and 74 MB in Rasa, over
the memory budget; `min_df: [1, 2]` (character n-grams seen in one example only are left out: 205 000 n-grams) and
`weights: float16` bring that to 53 MB for the same held-out accuracy. `hashing` (no stored vocabulary) was measured
too: 45 MB, but its fit takes twice as long and it reads 0.003 less on average (docs/assistant.md).
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from scipy.sparse import hstack
from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer, TfidfVectorizer
from sklearn.pipeline import Pipeline, make_pipeline

from components.crisis import fold

TOKENS = r"(?u)\b\w+\b"  # one-letter words count too ("u", "y", "o", "a"): in several languages they carry meaning


def vectorizers(config: dict[str, Any], vocabularies: list[list[str]] | None = None) -> list[TfidfVectorizer | Pipeline]:
    """Word and character n-gram features of the folded text (lower case, no accents: the training data and visitors
    write both); with `vocabularies`, the ones a trained model learnt. With `hashing` (bits), n-grams are hashed into
    2**bits columns per kind instead of being looked up in a stored vocabulary: no vocabulary to keep in memory or
    to load, for a few colliding n-grams."""
    words = {"ngram_range": tuple(config["word_ngrams"]), "token_pattern": TOKENS, "preprocessor": fold,
             "dtype": np.float32}
    chars = {"analyzer": "char_wb", "ngram_range": tuple(config["char_ngrams"]), "preprocessor": fold,
             "dtype": np.float32}
    if config.get("hashing"):
        return [make_pipeline(HashingVectorizer(**kind, n_features=2 ** int(config["hashing"]), alternate_sign=False,
                                                norm=None),
                              TfidfTransformer(sublinear_tf=True))
                for kind in (words, chars)]
    vocabulary = vocabularies or (None, None)
    min_df = config["min_df"] if isinstance(config["min_df"], list) else [config["min_df"]] * 2
    return [TfidfVectorizer(**kind, sublinear_tf=True, min_df=int(least), vocabulary=known)
            for kind, least, known in zip((words, chars), min_df, vocabulary, strict=True)]


def fit(matrix: Any, labels: list[str], config: dict[str, Any]) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Intents, weights and intercepts of one-vs-rest logistic regressions (liblinear), which is what predict()
    computes."""
    from sklearn.linear_model import LogisticRegression

    classifier = LogisticRegression(C=float(config["C"]), solver="liblinear", tol=float(config["tol"]),
                                    random_state=config["random_state"]).fit(matrix, labels)
    return [str(name) for name in classifier.classes_], classifier.coef_, classifier.intercept_


def _idf(vectorizer: TfidfVectorizer | Pipeline) -> TfidfVectorizer | TfidfTransformer:
    """What holds the inverse document frequencies (`idf_`)."""
    return vectorizer[-1] if isinstance(vectorizer, Pipeline) else vectorizer


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class TfidfIntentClassifier(GraphComponent):
    """An intent classifier that needs nothing before it in the pipeline."""

    MODEL, WEIGHTS = "intents.json", "intents.npz"

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            "word_ngrams": [1, 2],  # word pairs ("not me", "for my") tell apart intents that share their words
            "char_ngrams": [2, 5],  # within words: misspellings, missing accents, inflections
            "C": 10.0,  # inverse regularisation strength
            "tol": 1e-4,  # when liblinear stops: 1e-3 fits in 20% less time for the same accuracy (25 languages)
            "min_df": 1,  # n-grams in fewer training examples are left out; or [words, characters] (not with hashing)
            "hashing": None,  # bits: hash n-grams into 2**bits columns per kind instead of a stored vocabulary
            "weights": "float32",  # or float16: half the memory and size, weights rounded to 3 digits
            "ranking_length": 10,
            "random_state": 42,
        }

    def __init__(self, config: dict[str, Any], model_storage: ModelStorage, resource: Resource):
        self.config = {**self.get_default_config(), **config}
        self._model_storage, self._resource = model_storage, resource
        self.features: list[TfidfVectorizer] = []
        self.intents: list[str] = []
        self.coef = self.intercept = None

    @classmethod
    def create(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> TfidfIntentClassifier:
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        examples = [e for e in training_data.intent_examples if e.get("intent") and e.get("text")]
        if not examples:
            raise ValueError("The intent classifier has no training examples (data/nlu/<lang>.yml).")
        texts = [e.get("text") for e in examples]
        self.features = vectorizers(self.config)
        matrix = hstack([f.fit_transform(texts) for f in self.features]).tocsr()
        self.intents, coef, intercept = fit(matrix, [e.get("intent") for e in examples], self.config)
        # stored one row per feature, so that predict() reads only the rows of the n-grams a message has
        self.coef = np.ascontiguousarray(coef.T, dtype=self.config["weights"])
        self.intercept = intercept.astype(np.float32)
        with self._model_storage.write_to(self._resource) as directory:
            vocabularies = None if self.config.get("hashing") else [
                sorted(f.vocabulary_, key=f.vocabulary_.get) for f in self.features]
            (directory / self.MODEL).write_text(json.dumps({"intents": self.intents, "vocabularies": vocabularies},
                                                           ensure_ascii=False), encoding="utf-8")
            # not compressed: the model archive (tar.gz) compresses it, once
            np.savez(directory / self.WEIGHTS, coef=self.coef, intercept=self.intercept,
                     idf_words=_idf(self.features[0]).idf_, idf_chars=_idf(self.features[1]).idf_)
        return self._resource

    @classmethod
    def load(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> TfidfIntentClassifier:
        component = cls(config, model_storage, resource)
        with model_storage.read_from(resource) as directory:
            model = json.loads((directory / cls.MODEL).read_text(encoding="utf-8"))
            with np.load(directory / cls.WEIGHTS, allow_pickle=False) as weights:
                component.coef, component.intercept = weights["coef"], weights["intercept"]
                idf = [weights["idf_words"], weights["idf_chars"]]
        component.intents = model["intents"]
        component.features = vectorizers(component.config, model["vocabularies"])
        for vectorizer, values in zip(component.features, idf, strict=True):
            _idf(vectorizer).idf_ = values
        return component

    def predict(self, texts: list[str]) -> np.ndarray:
        """Each intent's probability for each text: one-vs-rest logistic scores, normalised to sum to 1."""
        matrix = hstack([f.transform(texts) for f in self.features]).tocsr()
        columns = np.unique(matrix.indices)  # the n-grams these texts have: a few hundred of the million or so
        scores = matrix[:, columns] @ self.coef[columns].astype(np.float32) + self.intercept
        probabilities = 1.0 / (1.0 + np.exp(-scores))
        return probabilities / probabilities.sum(axis=1, keepdims=True)

    def process(self, messages: list[Message]) -> list[Message]:
        if self.coef is None or not messages:
            return messages
        length = int(self.config["ranking_length"])
        for message, row in zip(messages, self.predict([m.get("text") or "" for m in messages]), strict=True):
            ranking = sorted(({"name": name, "confidence": float(p)} for name, p in zip(self.intents, row, strict=True)),
                             key=lambda r: -r["confidence"])
            message.set("intent", ranking[0], add_to_output=True)
            message.set("intent_ranking", ranking[:length] if length > 0 else ranking, add_to_output=True)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data
