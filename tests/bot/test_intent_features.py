"""The intent classifier's hashed features (bot/components/intents.py) are TF-IDF with a vocabulary, stored as the
columns the training data used: on the training data they equal scikit-learn's TfidfVectorizer, and n-grams never
trained on are dropped. Run in the assistant's environment, where scikit-learn is."""

import pytest

from tests.stack import BOT_VENV, run_in_bot_venv

PYTHON = BOT_VENV / "bin" / "python"
pytestmark = pytest.mark.skipif(not PYTHON.exists(), reason="the assistant's environment is built by make test")


def test_hashed_features_equal_a_vocabularys_tfidf_and_drop_unknown_ngrams(tmp_path):
    result = run_in_bot_venv("""
        import numpy as np
        from scipy.sparse import hstack
        from sklearn.feature_extraction.text import TfidfVectorizer
        from components.crisis import fold
        from components.intents import TOKENS, TfidfIntentClassifier, features, hashers

        texts = ["someone is blackmailing me", "jeg vil ikke", "ktoś mnie szantażuje", "شخص يبتزني",
                 "he wants money or he posts the pics", "hej hej", "ich bin 14", "blackmailing blackmailing"]
        config = {**TfidfIntentClassifier.get_default_config(), "min_df": [1, 1]}
        hashing = hashers(config)
        counts = [h.transform(texts) for h in hashing]
        columns, idf = [], []
        for each in counts:
            seen, df = np.unique(each.indices, return_counts=True)
            columns.append(seen.astype(np.int32))
            idf.append((np.log((1 + len(texts)) / (1 + df)) + 1).astype(np.float32))
        ours = features(texts, hashing, columns, idf).toarray()
        words = TfidfVectorizer(ngram_range=(1, 2), token_pattern=TOKENS, sublinear_tf=True, preprocessor=fold)
        chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, preprocessor=fold)
        theirs = hstack([words.fit_transform(texts), chars.fit_transform(texts)]).toarray()
        assert ours.shape == theirs.shape, (ours.shape, theirs.shape)
        # the same values up to the order of the columns (hash order, not alphabetical), row by row
        assert np.allclose(np.sort(ours, axis=1), np.sort(theirs, axis=1), atol=1e-5)
        unknown = features(["zzqx qqzx"], hashing, columns, idf)
        assert unknown.nnz == 0
        print("ok")
    """, tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip().endswith("ok")
