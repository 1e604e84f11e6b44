from vsi_portal.formats import tidy_text


def test_runs_of_blank_lines_become_one():
    assert tidy_text("Hello,\n\n\n \nYour application\n\n\n\nSee it") == (
        "Hello,\n\nYour application\n\nSee it\n"
    )


def test_the_signature_delimiter_keeps_its_trailing_space():
    assert tidy_text("Bye\n\n-- \nThe team\n\n") == "Bye\n\n-- \nThe team\n"
