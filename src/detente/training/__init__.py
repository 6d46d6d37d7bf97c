"""Training detente's learned parts from the labelled data in the repository
(``training/``) and the shared reference sets: ``detente train events``."""
