"""20 concurrent sessions on the served page (Gradio client calls): all answered, none mixed up."""

from concurrent.futures import ThreadPoolExecutor

from bot.render import message_text

QUESTIONS = [("Who leads the Syrian Revolutionaries Front?", "Maarouf"), ("Who is Chris Kozak?", "Kozak"),
             ("When did Al Qaeda cut ties with the Islamic State?", "February"),
             ("Where did the Free Syrian Army unit travel for training?", "Jordan")]


def test_20_concurrent_sessions(page_url):
    from gradio_client import Client

    def session(i: int) -> tuple[str, str, list]:
        q, needle = QUESTIONS[i % len(QUESTIONS)]
        client = Client(page_url, verbose=False)
        result = client.predict(q, [], api_name="/ask")
        return q, needle, result[0]

    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(session, range(20)))
    for q, needle, chat in results:
        assert message_text(chat[0]["content"]) == q
        assert needle in message_text(chat[-1]["content"]), chat[-1]

