"""Exercises of the datasets chapter."""

from . import Exercise

EXERCISES = {
    "index_from": Exercise(
        "By how much are word ranks shifted in the loaded IMDB and Reuters data (by default)?",
        answer=3,
        "It is the default of the loaders' `index_from` argument: 0, 1 and 2 are reserved.",
        kind="number",
    ),
    "reuters_topics": Exercise(
        "How many topics does the Reuters dataset have?",
        answer=46,
        "Look at `kt.dataset_info('reuters').num_classes`, or the overview table.",
        kind="number",
    ),
    "fashion_loader": Exercise(
        "Which function loads Fashion-MNIST?",
        answer="keras.datasets.fashion_mnist.load_data",
        "Not the MNIST loader: reread the erratum box.",
    ),
    "oov_index": Exercise(
        "Which index stands for an out-of-vocabulary word in the loaded text data?",
        answer=2,
        "0 is padding, 1 marks the start; the next one is the default `oov_char`.",
        kind="number",
    ),
}
