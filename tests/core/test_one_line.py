from vsi_portal.formats import one_line


def test_line_breaks_and_runs_of_spaces_become_one_space():
    assert one_line("  Votre candidature\n   est arrivée \t ") == "Votre candidature est arrivée"


def test_french_no_break_spaces_are_kept():
    assert (
        one_line("Rappel\u00a0: réponse attendue\u00a0?\n")
        == "Rappel\u00a0: réponse attendue\u00a0?"
    )
