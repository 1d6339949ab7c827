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
plain data (the intents in JSON, the columns and weights in a NumPy file, nothing pickled), which also keeps Rasa
small: skops (Rasa's choice for its own classifiers) added 110 MB.

With 25 languages (37 000 examples) the vocabularies (Python dictionaries of about 250 000 n-gram strings) took
about 80 MB in memory, in a Rasa that TensorFlow's import alone brings near 530 of its 600 MB. So the n-grams are
hashed (scikit-learn's HashingVectorizer, 2**24 columns per kind) and the model keeps only the columns the training
data used, as a sorted array: the same features as a vocabulary (tests/bot/test_intent_features.py), in 11 MB with
the weights, for a few n-grams in a thousand sharing a column with another. C is 20 with 25 languages (better than
10 in every language's held-out set). Character n-grams seen in one training example only are left out (`min_df`),
and the weights are stored in float16: the held-out accuracy is the same (docs/assistant.md).
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
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.preprocessing import normalize

from components.crisis import fold

TOKENS = r"(?u)\b\w+\b"  # one-letter words count too ("u", "y", "o", "a"): in several languages they carry meaning
HASH_BITS = 24  # columns per kind of n-gram: 16 million, for a few hundred thousand n-grams


def hashers(config: dict[str, Any]) -> list[HashingVectorizer]:
    """Word and character n-gram counts of the folded text (lower case, no accents: the training data and visitors
    write both), each n-gram hashed to a column."""
    common = {"preprocessor": fold, "n_features": 2**HASH_BITS, "alternate_sign": False, "norm": None,
              "dtype": np.float32}
    return [HashingVectorizer(ngram_range=tuple(config["word_ngrams"]), token_pattern=TOKENS, **common),
            HashingVectorizer(analyzer="char_wb", ngram_range=tuple(config["char_ngrams"]), **common)]


def kept_columns(counts: csr_matrix, columns: np.ndarray) -> csr_matrix:
    """`counts` restricted to `columns` (sorted), renumbered 0..len(columns)-1; n-grams never trained on are
    dropped. A vocabulary lookup, done with a sorted array instead of a dictionary."""
    counts = counts.tocsr()
    counts.sum_duplicates()
    position = np.searchsorted(columns, counts.indices)
    found = position < len(columns)
    found[found] = columns[position[found]] == counts.indices[found]
    rows = np.repeat(np.arange(counts.shape[0]), np.diff(counts.indptr))[found]
    indptr = np.concatenate([[0], np.cumsum(np.bincount(rows, minlength=counts.shape[0]))])
    return csr_matrix((counts.data[found], position[found], indptr), shape=(counts.shape[0], len(columns)))


def tfidf(counts: csr_matrix, idf: np.ndarray) -> csr_matrix:
    """Sublinear term frequency (a word said twice is not twice the evidence) times inverse document frequency,
    each row of unit length: what scikit-learn's TfidfVectorizer(sublinear_tf=True) computes."""
    weighted = counts.copy()
    weighted.data = (1.0 + np.log(weighted.data)) * idf[weighted.indices]
    return normalize(weighted, copy=False)


def features(texts: list[str], hashing: list[HashingVectorizer], columns: list[np.ndarray],
             idf: list[np.ndarray], counts: list[csr_matrix] | None = None) -> csr_matrix:
    counts = counts or [h.transform(texts) for h in hashing]
    return hstack([tfidf(kept_columns(each, kept), weights)
                   for each, kept, weights in zip(counts, columns, idf, strict=True)]).tocsr()


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class TfidfIntentClassifier(GraphComponent):
    """An intent classifier that needs nothing before it in the pipeline."""

    MODEL, WEIGHTS = "intents.json", "intents.npz"

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            "word_ngrams": [1, 2],  # word pairs ("not me", "for my") tell apart intents that share their words
            "char_ngrams": [2, 5],  # within words: misspellings, missing accents, inflections
            "min_df": [1, 2],  # words, character n-grams: seen in fewer training examples, left out
            "C": 10.0,  # inverse regularisation strength
            "tol": 1e-2,  # when the fit stops (liblinear's dual measure)
            "max_iter": 1000,
            "weights": "float32",  # or float16: half the memory, weights rounded to 3 significant digits
            "ranking_length": 10,
            "random_state": 42,
        }

    def __init__(self, config: dict[str, Any], model_storage: ModelStorage, resource: Resource):
        self.config = {**self.get_default_config(), **config}
        self._model_storage, self._resource = model_storage, resource
        self.hashing = hashers(self.config)
        self.columns: list[np.ndarray] = []
        self.idf: list[np.ndarray] = []
        self.intents: list[str] = []
        self.coef = self.intercept = None

    @classmethod
    def create(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> TfidfIntentClassifier:
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        from joblib import parallel_backend
        from sklearn.linear_model import LogisticRegression
        from sklearn.multiclass import OneVsRestClassifier

        examples = [e for e in training_data.intent_examples if e.get("intent") and e.get("text")]
        if not examples:
            raise ValueError("The intent classifier has no training examples (data/nlu/<lang>.yml).")
        texts = [e.get("text") for e in examples]
        self.columns, self.idf, counts = [], [], [h.transform(texts) for h in self.hashing]
        for each, least in zip(counts, self.config["min_df"], strict=True):
            seen, in_examples = np.unique(each.indices, return_counts=True)  # each row counts a column once
            kept = in_examples >= int(least)
            self.columns.append(seen[kept].astype(np.int32))
            # smoothed, as scikit-learn's: as if one more example had every n-gram
            self.idf.append((np.log((1 + len(texts)) / (1 + in_examples[kept])) + 1).astype(np.float32))
        matrix = features(texts, self.hashing, self.columns, self.idf, counts)
        # One logistic regression per intent against the rest (liblinear), which is what predict() below computes;
        # liblinear releases Python's lock, so the intents are fitted on every core at once, in threads. Solved in
        # its dual form, which is the faster one with many more n-grams than examples (200 000 and 37 000).
        binary = LogisticRegression(C=float(self.config["C"]), solver="liblinear", dual=True,
                                    tol=float(self.config["tol"]), max_iter=int(self.config["max_iter"]),
                                    random_state=self.config["random_state"])
        with parallel_backend("threading", n_jobs=-1):
            classifier = OneVsRestClassifier(binary, n_jobs=-1).fit(matrix, [e.get("intent") for e in examples])
        self.intents = [str(name) for name in classifier.classes_]
        # one row per n-gram, so that predict() reads only the rows of the n-grams a message has
        self.coef = np.ascontiguousarray(np.vstack([e.coef_ for e in classifier.estimators_]).T,
                                         dtype=self.config["weights"])
        self.intercept = np.concatenate([e.intercept_ for e in classifier.estimators_]).astype(np.float32)
        with self._model_storage.write_to(self._resource) as directory:
            (directory / self.MODEL).write_text(json.dumps({"intents": self.intents, "hash_bits": HASH_BITS}),
                                                encoding="utf-8")
            # not compressed here: the model archive is
            np.savez(directory / self.WEIGHTS, coef=self.coef, intercept=self.intercept,
                     columns_words=self.columns[0], columns_chars=self.columns[1],
                     idf_words=self.idf[0], idf_chars=self.idf[1])
        return self._resource

    @classmethod
    def load(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> TfidfIntentClassifier:
        component = cls(config, model_storage, resource)
        with model_storage.read_from(resource) as directory:
            model = json.loads((directory / cls.MODEL).read_text(encoding="utf-8"))
            if model.get("hash_bits") != HASH_BITS:
                raise ValueError("The intent classifier was trained by an older HelpHub: train the model again.")
            with np.load(directory / cls.WEIGHTS, allow_pickle=False) as weights:
                component.coef, component.intercept = weights["coef"], weights["intercept"]
                component.columns = [weights["columns_words"], weights["columns_chars"]]
                component.idf = [weights["idf_words"], weights["idf_chars"]]
        component.intents = model["intents"]
        return component

    def predict(self, texts: list[str]) -> np.ndarray:
        """Each intent's probability for each text: one-vs-rest logistic scores, normalised to sum to 1."""
        matrix = features(texts, self.hashing, self.columns, self.idf)
        rows = np.unique(matrix.indices)  # the n-grams these texts have: a few hundred of the 200 000 or so
        scores = matrix[:, rows] @ self.coef[rows].astype(np.float32) + self.intercept
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
