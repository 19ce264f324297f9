"""The search index (guide.web.search_engine) and the engine (docs/assets/js/search/) on small
made-up indexes: no build, no browser. The engine runs under Node, as the benchmark runs it."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from guide.checks.content import Content, Page
from guide.paths import DOCS, ROOT
from guide.web import search_engine

JS = DOCS / "assets" / "js"
SETTINGS = search_engine.SearchSettings.model_validate(
    {
        "skip_sections": ["Next steps"],
        "max_section_chars": 200,
        "safety": {
            "pages": ["help/", "articles/safety/"],
            "words": ["pushed", "suicidal"],
            "phrases": ["end my life", "let me leave"],
            "pairs": [{"first": ["afraid"], "then": ["home", "partner"]}],
        },
    }
)


class _Meta:
    def __init__(self, keywords=(), search_boost=None):
        self.keywords, self.search_boost = list(keywords), search_boost


class _Page(Page):
    def __init__(self, src_uri, **meta):
        self._src, self.meta = src_uri, _Meta(**meta)

    @property
    def src_uri(self):
        return self._src


def _content(*pages):
    c = Content()
    c.other = {p.src_uri: p for p in pages}
    return c


MATERIAL = {
    "config": {"lang": ["en"], "separator": "[\\s\\-]+", "fields": {"tags": {"boost": 30}}},
    "docs": [
        {
            "location": "articles/flooding/",
            "title": "Flooding",
            "text": "<p>When your body takes over &amp; you shut down.<sup>1</sup></p>",
            "tags": ["communication"],
        },
        {"location": "articles/flooding/#next-steps", "title": "Next steps", "text": "<p>Read the break plan.</p>"},
        {
            "location": "articles/flooding/#what-helps",
            "title": "What helps",
            "text": "<p>" + "Take a break. " * 40 + "</p>",
        },
        {"location": "help/", "title": "Get help now", "text": "<p>Call 999.</p>"},
    ],
}


def test_index_is_plain_cut_and_keeps_keywords_hidden():
    content = _content(
        _Page("articles/flooding.md", keywords=["stonewalling", "shut down"], search_boost=2), _Page("help.md")
    )
    index = search_engine.build(MATERIAL, content, True, SETTINGS)
    docs = {d["location"]: d for d in index["docs"]}
    assert "articles/flooding/#next-steps" not in docs
    assert docs["articles/flooding/"]["text"] == "When your body takes over & you shut down."
    assert len(docs["articles/flooding/#what-helps"]["text"]) <= 200
    assert all("tags" not in d for d in index["docs"])  # Material would render tags as chips
    assert docs["articles/flooding/"]["keys"].startswith("stonewalling | shut down")
    assert "silent treatment" in docs["articles/flooding/"]["keys"]  # from data/search_synonyms.yml
    assert "keys" not in docs["articles/flooding/#what-helps"]
    # Synonyms of a word the text uses, not a keyword, go to `also`, which weighs like the text.
    assert "stonewalling" not in docs["articles/flooding/"].get("also", "")
    assert "keys" not in docs["help/"] or "shutting down" not in docs["help/"]["keys"]
    assert docs["articles/flooding/"]["boost"] == 2
    assert index["config"]["safety"]["pages"] == ["help/", "articles/safety/"]
    assert "fields" not in index["config"] and "weights" not in index["config"]
    tuned = SETTINGS.model_copy(update={"weights": {"title": 4.0}})
    assert search_engine.build(MATERIAL, content, True, tuned)["config"]["weights"] == {"title": 4.0}


def test_offline_index_names_safety_pages_by_their_offline_address():
    content = _content(_Page("help.md"), _Page("articles/safety.md"))
    index = search_engine.build(MATERIAL, content, False, SETTINGS)
    assert index["config"]["safety"]["pages"] == ["help.html", "articles/safety.html"]


def test_worker_url_points_at_our_worker_at_any_depth():
    html = '<script id="__config" type="application/json">{"base": "../..", "search": "../../assets/javascripts/workers/search.a7633da7.min.js"}</script>'
    assert '"search": "../../assets/js/search/worker.js"' in search_engine.worker_url(html)
    assert search_engine.worker_url("<p>no config</p>") == "<p>no config</p>"


def test_settings_file_is_valid():
    rules = search_engine.settings()
    assert rules.safety.pages[0] == "help/"
    assert (DOCS / "help.md").exists() and (DOCS / "articles" / "safety.md").exists()


def test_vendored_minisearch_is_the_pinned_package():
    pinned = ROOT / "node_modules" / "minisearch" / "dist" / "umd" / "index.js"
    if not pinned.exists():
        pytest.skip("npm ci has not been run")
    version = json.loads((ROOT / "node_modules" / "minisearch" / "package.json").read_text())["version"]
    assert version == json.loads((ROOT / "package.json").read_text())["devDependencies"]["minisearch"]
    assert (JS / "vendor" / "minisearch.js").read_bytes() == pinned.read_bytes()


# --- the engine, under Node ---------------------------------------------------------------------

DOCS_JS = [
    {"location": "", "title": "Home", "text": "A guide to sex therapy."},
    {
        "location": "help/",
        "title": "Get help now",
        "text": "If you are in danger right now, call 999. Other lines below.",
        "keys": "helpline | crisis",
    },
    {"location": "articles/safety/", "title": "Safety", "text": "When couples work is not the right tool."},
    {
        "location": "articles/flooding/",
        "title": "Flooding",
        "text": "Your heart pounds and your mind goes blank.",
        "keys": "stonewalling | silent treatment | zzkeyword",
    },
    {
        "location": "articles/flooding/#when-one-of-you-shuts-down",
        "title": "When one of you shuts down",
        "text": "Some people go quiet when they argue. They shut down and stop talking, to calm the body.",
    },
    {
        "location": "articles/long/",
        "title": "A long page",
        "text": "argue " + "filler words here " * 100 + "shuts " + "filler words here " * 100 + "down",
    },
    {"location": "articles/behaviour/", "title": "Sexual behaviour", "text": "Behaviour that feels out of control."},
    {"location": "articles/counselling/", "title": "Couples counselling", "text": "What counselling is like."},
    {"location": "articles/ace/", "title": "Asexuality", "text": "Some people are asexual."},
]


def _search(queries, docs=DOCS_JS, config=None):
    if not shutil.which("node"):
        pytest.fail("node is needed for the search engine tests")
    script = """
const [ms, stem, engine, index, queries] = process.argv.slice(1);
const G = require(engine)(require(ms), require(stem)).create(JSON.parse(index));
console.log(JSON.stringify(JSON.parse(queries).map(q => G.search(q).items)));
"""
    index = {"config": {"safety": SETTINGS.safety.model_dump(), **(config or {})}, "docs": docs}
    out = subprocess.run(
        [
            "node",
            "-e",
            script,
            str(JS / "vendor" / "minisearch.js"),
            str(JS / "search" / "stem.js"),
            str(JS / "search" / "engine.js"),
            json.dumps(index),
            json.dumps(queries),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def _pages(items):
    return [group[0]["location"] for group in items]


def test_long_question_finds_the_section_not_the_longest_page():
    [items] = _search(["whenever we argue he just shuts down"])
    assert _pages(items)[0] == "articles/flooding/"
    page, section = items[0]
    assert section["location"] == "articles/flooding/#when-one-of-you-shuts-down"
    assert "<mark>shut</mark> down" in section["text"] and "<mark>shuts</mark>" in section["title"]


def test_typos_spellings_and_stems():
    typo, swapped, american, british, stem = _search(["flodding", "asexaul", "behavior", "counseling", "shutting down"])
    assert _pages(typo)[0] == "articles/flooding/"
    assert _pages(swapped)[0] == "articles/ace/"  # two letters swapped: one typo, not two
    assert _pages(american)[0] == "articles/behaviour/"
    assert _pages(british)[0] == "articles/counselling/"
    assert _pages(stem)[0] == "articles/flooding/"


def test_cards_never_carry_tags_or_keys_and_escape_text():
    [items] = _search(["stonewalling"])
    assert _pages(items)[0] == "articles/flooding/"
    for group in items:
        for doc in group:
            assert set(doc) == {"location", "title", "text", "score", "terms"}
            assert "zzkeyword" not in doc["text"] + doc["title"]
    docs = [*DOCS_JS, {"location": "x/", "title": "<b>x</b>", "text": "flooding <script>alert(1)</script>"}]
    [items] = _search(["flooding"], docs)
    shown = json.dumps(items)
    assert "<script>" not in shown and "<b>" not in shown


@pytest.mark.parametrize(
    "query",
    [
        "he pushed me",
        "I feel sucidal",
        "i want to end my life",
        "he won't let me leave",
        "afraid to go home",
        "scared... no, afraid of my partner",
    ],
)
def test_safety_questions_put_help_then_safety_first(query):
    [items] = _search([query])
    assert _pages(items)[:2] == ["help/", "articles/safety/"]
    assert "999" in items[0][0]["text"]  # the help page's opening lines: the emergency number
    assert items[0][0]["score"] > items[1][0]["score"]  # Enter opens the best-scored card


@pytest.mark.parametrize("query", ["afraid of the first session", "flooding", "break plan"])
def test_ordinary_questions_are_not_pinned(query):
    [items] = _search([query])
    assert _pages(items)[:1] != ["help/"]


PINNED = [
    "he pressured me into sex",
    "husband put a tracking device in my car",
    "jealous rages every night",
    "she sulks for days until i give in",
    "he says he will die if i leave",
    "boyfriend says he will hurt himself if i leave him",
    "guy i was dating forced himself on me",
    "he won't let me see my friends",
    "i feel sucidal",
    "i'm afraid of my husband",
    "scared to say no to him",
    "my temper is uncontrollable and my wife is scared",
    "husband constantly belittling me",
    "i'm afraid to have sex with him because he hits me",
    "when i refuse he keeps insisting",
    "my boyfriend keeps persisting on anal sex when i refuse",
    "feeling pressure from him to have sex",
    # An idiom takes out its own words only.
    "he hit the wall and then hit me",
    "he hit me against the wall",
    "he beat me after i beat cancer",
    "random spurts of rage i bite my arms and scratch my face",
    "urges to hurt someone really bad",
    "hearing voices telling me i'd be better off not in this world",
    "he bashes me when he drinks",
    "angry possessiveness",
    "he pushed me away and then pushed me down the stairs",
    "afraid of him",
    "he says if i visit my mother he will leave",
    "he wrote a contract of things i may not do anymore",
    "how can i resist the urge to cut",
    "i have no money and i'm on the verge of giving up",
    "the police never believe me",
    "burning myself to feel something",
    "on the verge of giving up on life",
]
# Nouns that share a stem with a pressure or guilt verb (health, nerves, faith), and near misses.
NOT_PINNED = [
    "since blood pressure pills our sex life has gone",
    "pressure to perform in sex",
    "guilt about sex after church",
    "a tracker table for homework",
    "jealousy in an open relationship",
    "is there any point in living together before marriage",
    "we always give in to each other",
    # A word one letter from a safety word, the first letter added ("islam", "slam").
    "islamic ruling on sex therapy between spouses",
    # Shy of a talk, not afraid of the partner (the pair's not_followed_by).
    "afraid to discuss it with him",
    "scared to bring it up with my wife",
    "nervous and afraid to talk to my partner about sex",
    # Fear of sex itself, not of the partner.
    "she is too afraid to have intercourse with her husband",
    "scared to make love with my wife after the birth",
    # Sayings (the safety rules' idioms).
    "why am i hitting a wall with sex",
    "we hit it off but sex is awkward",
    "since i hit menopause my libido is gone",
    "beat cancer but the treatment killed my sex life",
    "blood pressure from my medication and sex",
    "she insists we see a sex therapist",
    "pain that persists after sex",
    "persistent pain during sex",
    # Near the new self-harm and anger rules, and not about either.
    "i don't want to hurt my partner's feelings",
    "my skin feels itchy and i scratch after sex",
    "a burning feeling during sex",
    "he is possessive of his phone",
    "we had a birthday bash and then sex",
    "why do i always push my boyfriend away",
    "he pushes me away when i want sex",
    "how do i tell a guy without scaring him off",
    "scared of losing my husband",
    "afraid of disappointing my partner",
    "scared of hurting my boyfriend after his surgery",
    "we wrote a kink contract of our limits",
    "should i tell my partner if i see my doctor about sex",
    "how do i cut down on porn",
    "we are giving up on sex",
    "is the police officer in our group a safe person to ask",
    "i am burning myself out trying to please my wife",
    "on the verge of giving up on our marriage",
]


def test_the_real_safety_rules_tell_pressure_from_a_partner_from_other_pressure():
    """data/search.yml's own rules: pairs with as_typed compare the verbs as typed, not the stems."""
    real = {"safety": search_engine.settings().safety.model_dump()}
    results = _search(PINNED + NOT_PINNED, config=real)
    for query, items in zip(PINNED + NOT_PINNED, results, strict=True):
        pinned = _pages(items)[:2] == ["help/", "articles/safety/"]
        assert pinned == (query in PINNED), query


def test_a_two_word_verb_is_not_its_first_word():
    """data/search.yml compounds: "break up" is about parting, not about the break plan; the
    safety rules still read the words as typed."""
    docs = [
        {"location": "exercises/break-plan/", "title": "The break plan", "text": "Take a break. A break calms you."},
        {
            "location": "articles/endings/",
            "title": "When therapy ends",
            "text": "Some couples break up, and that is fine.",
        },
        *[d for d in DOCS_JS if d["location"] in ("help/", "articles/safety/")],
    ]
    real = search_engine.settings()
    config = {"safety": real.safety.model_dump(), "compounds": real.compounds}
    up, plan, threat = _search(
        ["will they make us break up", "break plan", "he will break up with me if i say no"], docs, config
    )
    assert _pages(up)[0] == "articles/endings/"
    assert _pages(plan)[0] == "exercises/break-plan/"
    assert _pages(threat)[:2] == ["help/", "articles/safety/"]


def test_same_sex_is_what_the_question_asks_about():
    """ "same" alone is a small word; data/search.yml makes "same sex" and "same-sex" one word."""
    docs = [
        {
            "location": "articles/safety/",
            "title": "Safety",
            "text": "When couples therapy is not safe in a relationship: sex and safety.",
        },
        {
            "location": "articles/for-me/",
            "title": "Is it for me?",
            "text": "Couples therapy welcomes same-sex couples.",
        },
    ]
    real = search_engine.settings()
    [items] = _search(["couples therapy for a same sex relationship"], docs, {"compounds": real.compounds})
    assert _pages(items)[0] == "articles/for-me/"
    [items] = _search(["couples therapy for a same sex relationship"], docs, {})
    assert _pages(items)[0] == "articles/safety/"  # without the compound, "sex" alone decides


def test_marriage_counselling_is_read_as_couples_counselling():
    """data/search.yml rewrite: "marriage counseling" is the everyday name for couples therapy.
    Without it, "marriage" alone pulled in the page about waiting until marriage."""
    docs = [
        {
            "location": "articles/finding/",
            "title": "Finding a therapist",
            "text": "How to find couples therapy near you, and what to ask a couples therapist.",
        },
        {
            "location": "articles/faith/",
            "title": "Culture and faith",
            "text": "Some people wait until marriage. Marriage, faith and marriage vows.",
        },
        *[d for d in DOCS_JS if d["location"] in ("help/", "articles/safety/")],
    ]
    real = search_engine.settings()
    assert real.rewrite["marriage counseling"] == "couples counseling"
    config = {"safety": real.safety.model_dump(), "rewrite": real.rewrite}
    get, vows, hurt = _search(
        ["how can i get marriage counseling", "marriage vows", "my marriage counselor pushed me"], docs, config
    )
    assert _pages(get)[0] == "articles/finding/"
    assert _pages(vows)[0] == "articles/faith/"  # "marriage" alone is left as typed
    assert _pages(hurt)[:2] == ["help/", "articles/safety/"]  # safety reads the words as typed
    [before] = _search(["how can i get marriage counseling"], docs, {"safety": real.safety.model_dump()})
    assert _pages(before)[0] == "articles/faith/"  # without the rewrite, "marriage" decides


def test_a_rewrite_holds_words_only():
    with pytest.raises(ValueError):
        search_engine.SearchSettings.model_validate(
            {"safety": {"pages": ["help/"]}, "rewrite": {"marriage": "couples"}}
        )
    with pytest.raises(ValueError):
        search_engine.SearchSettings.model_validate(
            {"safety": {"pages": ["help/"]}, "rewrite": {"marriage counsel.*": "couples"}}
        )


def test_empty_and_wordless_queries_return_nothing():
    assert _search(["", "   ", "?!"]) == [[], [], []]


def test_a_related_word_finds_the_page_that_uses_the_other_word():
    """'bickering' is not on any page; its group (data/search.yml related) sends it to 'argue'."""
    groups = {"related": [["argue", "bicker", "bickering", "row"]]}
    [without] = _search(["we keep bickering"])
    [found] = _search(["we keep bickering"], config=groups)
    uses_argue = {"articles/flooding/", "articles/long/"}
    assert not uses_argue & set(_pages(without))
    assert _pages(found)[0] in uses_argue
    assert "<mark>argue</mark>" in json.dumps(found[0])  # the card shows the word that matched


def test_a_word_in_the_question_outranks_its_related_word():
    docs = [
        {"location": "a/", "title": "Rows", "text": "When rows start over small things."},
        {"location": "b/", "title": "Arguing", "text": "When arguing starts over small things."},
    ]
    [items] = _search(["arguing"], docs, config={"related": [["argue", "arguing", "row", "rows"]]})
    assert _pages(items) == ["b/", "a/"]


def test_pages_that_only_list_pages_are_left_out():
    rules = SETTINGS.model_copy(update={"skip_pages": ["tags/"]})
    material = {
        **MATERIAL,
        "docs": [
            *MATERIAL["docs"],
            {"location": "tags/", "title": "Topics", "text": "Flooding"},
            {"location": "tags/#flooding", "title": "Flooding", "text": "Flooding"},
        ],
    }
    index = search_engine.build(material, _content(_Page("articles/flooding.md"), _Page("help.md")), True, rules)
    assert [d["location"] for d in index["docs"] if d["location"].startswith("tags/")] == []
    assert any(d["location"] == "help/" for d in index["docs"])


def test_a_question_that_holds_a_keyword_phrase_whole_ranks_that_page_first():
    """Both pages share the question's words; only one has "talk to my doctor" as a keyword phrase."""
    docs = [
        {"location": "a/", "title": "Doctors", "text": "Talk to a friend. A doctor can help.", "keys": "doctor | talk"},
        {"location": "b/", "title": "Appointments", "text": "What to bring.", "keys": "talk to my doctor"},
    ]
    [items] = _search(["how do i talk to my doctor"], docs, {"weights": {}})
    assert _pages(items)[0] == "b/"
    [items] = _search(["how do i talk to my doctor"], docs, {"weights": {"keyphrase": 0}})
    assert _pages(items)[0] == "a/"


def test_readers_questions_find_their_page_and_are_never_shown():
    """data/reader_questions.yml: a page's questions go in `asked`, indexed and never shown; a new
    question that shares their everyday words finds the page though the page's text does not
    use them."""
    content = _content(_Page("articles/flooding.md", keywords=["stonewalling"]), _Page("help.md"))
    asked = {"articles/flooding/": ["he just walks off mid sentence", "stonewalling"], "nowhere/": ["x y z"]}
    index = search_engine.build(MATERIAL, content, True, SETTINGS, questions=asked)
    docs = {d["location"]: d for d in index["docs"]}
    assert docs["articles/flooding/"]["asked"] == "he just walks off mid sentence"  # not the keyword again
    assert "asked" not in docs["articles/flooding/#what-helps"] and "asked" not in docs["help/"]
    plain = [{**d, "keys": ""} for d in DOCS_JS]
    with_asked = [
        {**d, "asked": "my husband storms out mid sentence"} if d["location"] == "articles/flooding/" else d
        for d in plain
    ]
    before, after = _search(["he storms out mid sentence"], plain) + _search(["he storms out mid sentence"], with_asked)
    assert "articles/flooding/" not in _pages(before)
    assert _pages(after)[0] == "articles/flooding/"
    for group in after:
        for doc in group:
            assert "mid sentence" not in doc["text"] + doc["title"]


def test_the_packed_file_reads_back_the_same_and_searches_the_same():
    """write() packs the index (entries as lists, a section's location without its page); the
    engine and read_index unpack it, so nothing else sees the difference."""
    content = _content(_Page("articles/flooding.md", keywords=["stonewalling"], search_boost=2), _Page("help.md"))
    index = search_engine.build(MATERIAL, content, True, SETTINGS, questions={"articles/flooding/": ["he storms out"]})
    packed = search_engine.pack(index)
    assert packed["config"]["packed"][0] == "location"
    assert packed["docs"][1][:2] == ["#what-helps", "What helps"]
    assert search_engine.unpack(packed) == index
    assert search_engine.unpack(index) == index  # an unpacked index as it is
    assert search_engine.unpack(MATERIAL) == MATERIAL  # Material's own has config.fields: not packed
    docs = [{**d, "asked": "he storms out"} if d["location"] == "articles/flooding/" else d for d in DOCS_JS]
    plain = {"config": {"safety": SETTINGS.safety.model_dump()}, "docs": docs}
    small = search_engine.pack(plain)
    queries = ["whenever we argue he just shuts down", "he storms out", "he pushed me", "behavior"]
    assert _search(queries, small["docs"], {"packed": small["config"]["packed"]}) == _search(queries, docs)


def test_a_word_the_index_knows_is_taken_as_spelled():
    """ "night" is in the index: it finds the wedding night, not "fight" or "right" by one typo.
    A word the index does not know still matches by typos ("flodding")."""
    docs = [
        *DOCS_JS,
        {"location": "articles/fight/", "title": "The same fight", "text": "The right words after a fight."},
        {"location": "articles/first/", "title": "A first time", "text": "Nerves before the wedding night."},
    ]
    night, typo = _search(["wedding night", "flodding"], docs)
    assert _pages(night) == ["articles/first/"]
    assert _pages(typo)[0] == "articles/flooding/"
