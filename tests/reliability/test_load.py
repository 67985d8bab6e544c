"""Load: 50 questions at once from threads, and 20 concurrent sessions on the served page."""

from concurrent.futures import ThreadPoolExecutor

QUESTIONS = [
    ("Who leads the Syrian Revolutionaries Front?", "Maarouf"),
    ("Who is Chris Kozak?", "Kozak"),
    ("When did Al Qaeda cut ties with the Islamic State?", "February"),
    ("What is the Khorasan Group?", "Khorasan"),
    ("Which Egyptian militant group pledged support to ISIS?", "Ansar Beit"),
]


def test_50_questions_from_threads_are_all_answered_and_not_mixed_up(seed_bot):
    jobs = [QUESTIONS[i % len(QUESTIONS)] for i in range(50)]
    with ThreadPoolExecutor(max_workers=16) as pool:
        answers = list(pool.map(lambda qa: seed_bot.ask(qa[0]), jobs))
    for (q, needle), a in zip(jobs, answers, strict=True):
        assert a.question == q
        assert any(needle in c.quote for c in a.citations), (q, a.text)


def test_threaded_followups_keep_their_own_history(seed_bot):
    pairs = [("What is the Syrian Revolutionaries Front?", "Who leads it?", "Maarouf"),
             ("Who is Chris Kozak?", "Where does he work?", "Institute for the Study of War")] * 10

    def run(p):
        first = seed_bot.ask(p[0])
        return seed_bot.ask(p[1], history=[(p[0], first.text)]), p[2]

    with ThreadPoolExecutor(max_workers=10) as pool:
        for answer, needle in pool.map(run, pairs):
            assert any(needle in c.quote for c in answer.citations), answer.text
