"""Exercises of the applications chapter."""

from . import Exercise

EXERCISES = {
    "input_size": Exercise(
        "What default input size (in pixels, height = width) does InceptionV3 use?",
        "Look at the `input` column of `kt.applications_table()`, or `kt.application_info('InceptionV3')`.",
        answer=299,
        kind="number",
    ),
    "include_top": Exercise(
        "Which argument of a keras.applications constructor leaves out the ImageNet classifier?",
        "See the 'Extract features' section: set it to False to get features instead of classes.",
        answer="include_top",
    ),
    "decode": Exercise(
        "Which keras.applications function turns 1,000 ImageNet probabilities into class names?",
        "See the cell that classifies the cat with Keras alone (it comes from the model's own module).",
        answer="decode_predictions",
    ),
}
