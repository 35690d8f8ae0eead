"""The evaluation suite: questions, metrics and the scoreboard runner."""
