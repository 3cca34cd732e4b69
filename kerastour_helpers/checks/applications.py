"""Exercises of the applications chapter."""

from . import Exercise

EXERCISES = {
    "input_size": Exercise(
        "What default input size (in pixels, height = width) does InceptionV3 use?",
        answer=299,
        "Look at the `input` column of `kt.applications_table()`, or `kt.application_info('InceptionV3')`.",
        kind="number",
    ),
    "include_top": Exercise(
        "Which argument of a keras.applications constructor leaves out the ImageNet classifier?",
        answer="include_top",
        "See the 'Extract features' section: set it to False to get features instead of classes.",
    ),
    "decode": Exercise(
        "Which keras.applications function turns 1,000 ImageNet probabilities into class names?",
        answer="decode_predictions",
        "See the cell that classifies the cat with Keras alone (it comes from the model's own module).",
    ),
}
