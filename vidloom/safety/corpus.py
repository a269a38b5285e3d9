"""The training corpus of the `classifier` moderator, generated (never the benchmark's held-out sets).

Five sources, mixed and deduplicated:
- the lexicon's own term lists (data/terms-<lang>.toml), composed as a person would write them: a
  strong term in a carrier ("a video of ..."), a weak term with the context its category needs ("a
  woman" + "naked"), a minor with a suggestive or sexual word, a public figure (data/public_figures.txt)
  with harm, and, as benign examples, the same weak terms and contexts without each other, the
  benign phrases, figures doing ordinary things and plain scenes in each language;
- ordinary words (wordfreq's most frequent words of each language, less any the lexicon reads as
  harm) around every example and as benign prompts of their own, so that what the model has not seen
  counts as benign and harm counts wherever it stands;
- WordNet's definitions and usage examples (less any the lexicon reads as harm): ordinary English
  sentences, as benign prompts;
- English paraphrases: per category, templates whose slots are filled with WordNet synonyms and
  hyponyms of seed words (behead -> decapitate, pipe bomb -> explosive device ...), so that wording
  no list holds is seen;
- the benchmark's `dev` split (written with the term lists, and tuned on already): `dev_rows`, half
  of it trained on and half kept to pick the threshold (train_classifier.py).

Each example is (text, label, lang) with label a policy category or "benign".
"""
from __future__ import annotations

import json
import random
import tomllib
from importlib import resources
from pathlib import Path

from .lexicon import TERM_CATEGORIES
from .normalize import clean, skeleton

LANGS = ("en", "es", "de", "fr", "pt", "ru", "zh", "ja", "ko", "ar")
LABELS = ("benign", "minors_sexual", "real_people", "sexual", "graphic_violence", "self_harm", "weapons", "hate")

# "{x}" is the scene: ways people wrap a request for a video
CARRIERS = {
    "en": ["{x}", "a video of {x}", "cinematic shot of {x}", "{x}, photorealistic, 4k", "an animation where {x}",
           "short clip: {x}", "footage of {x}", "make a video showing {x}", "{x} at night, handheld camera"],
    "es": ["{x}", "un video de {x}", "plano cinematográfico de {x}", "{x}, fotorrealista", "una animación donde {x}",
           "haz un video de {x}"],
    "de": ["{x}", "ein Video von {x}", "Filmszene: {x}", "{x}, fotorealistisch", "eine Animation, in der {x}",
           "erstelle ein Video: {x}"],
    "fr": ["{x}", "une vidéo de {x}", "plan cinématographique : {x}", "{x}, photoréaliste", "une animation où {x}",
           "fais une vidéo de {x}"],
    "pt": ["{x}", "um vídeo de {x}", "cena de filme: {x}", "{x}, fotorrealista", "uma animação onde {x}",
           "faça um vídeo de {x}"],
    "ru": ["{x}", "видео: {x}", "кинематографичная сцена: {x}", "{x}, фотореалистично", "анимация, где {x}",
           "сделай видео, как {x}"],
    "zh": ["{x}", "一段{x}的视频", "电影镜头：{x}", "{x}，写实风格", "动画：{x}", "生成视频：{x}"],
    "ja": ["{x}", "{x}の動画", "映画のワンシーン：{x}", "{x}、フォトリアル", "{x}アニメーション", "{x}を動画にして"],
    "ko": ["{x}", "{x} 영상", "영화 장면: {x}", "{x}, 사실적인", "{x} 애니메이션", "{x} 동영상을 만들어줘"],
    "ar": ["{x}", "فيديو {x}", "مشهد سينمائي: {x}", "{x}، واقعي", "رسوم متحركة: {x}", "اصنع فيديو {x}"],
}
# Ordinary scenes: the benign bulk, and the places that pad a scene
SCENES = {
    "en": {"who": ["a woman", "a man", "two friends", "an old farmer", "a family", "a cat", "a dog", "children",
                   "a teenager", "a chef", "a cyclist", "a crowd", "a couple", "a soldier", "a nurse"],
           "does": ["walking", "laughing", "cooking dinner", "dancing", "reading a book", "riding a bike",
                    "playing football", "painting a fence", "swimming", "waving", "talking on the phone", "sleeping"],
           "where": ["in a park", "on a beach at sunset", "in a busy market", "in the rain", "in a small kitchen",
                     "on a mountain trail", "in a classroom", "at a concert", "in the snow", "on a city street"]},
    "es": {"who": ["una mujer", "un hombre", "dos amigos", "una familia", "un gato", "un perro", "niños", "un cocinero",
                   "una pareja", "un soldado"],
           "does": ["caminando", "riendo", "cocinando", "bailando", "leyendo un libro", "jugando al fútbol", "nadando"],
           "where": ["en un parque", "en la playa al atardecer", "en un mercado", "bajo la lluvia", "en la cocina",
                     "en la montaña", "en la ciudad"]},
    "de": {"who": ["eine Frau", "ein Mann", "zwei Freunde", "eine Familie", "eine Katze", "ein Hund", "Kinder",
                   "ein Koch", "ein Paar", "ein Soldat"],
           "does": ["spaziert", "lacht", "kocht", "tanzt", "liest ein Buch", "spielt Fußball", "schwimmt"],
           "where": ["im Park", "am Strand bei Sonnenuntergang", "auf dem Markt", "im Regen", "in der Küche",
                     "in den Bergen", "in der Stadt"]},
    "fr": {"who": ["une femme", "un homme", "deux amis", "une famille", "un chat", "un chien", "des enfants",
                   "un cuisinier", "un couple", "un soldat"],
           "does": ["qui marche", "qui rit", "qui cuisine", "qui danse", "qui lit un livre", "qui joue au football",
                    "qui nage"],
           "where": ["dans un parc", "sur la plage au coucher du soleil", "au marché", "sous la pluie",
                     "dans la cuisine", "à la montagne", "en ville"]},
    "pt": {"who": ["uma mulher", "um homem", "dois amigos", "uma família", "um gato", "um cachorro", "crianças",
                   "um cozinheiro", "um casal", "um soldado"],
           "does": ["caminhando", "rindo", "cozinhando", "dançando", "lendo um livro", "jogando futebol", "nadando"],
           "where": ["num parque", "na praia ao pôr do sol", "no mercado", "na chuva", "na cozinha", "na montanha",
                     "na cidade"]},
    "ru": {"who": ["женщина", "мужчина", "два друга", "семья", "кошка", "собака", "дети", "повар", "пара", "солдат"],
           "does": ["гуляет", "смеется", "готовит ужин", "танцует", "читает книгу", "играет в футбол", "плавает"],
           "where": ["в парке", "на пляже на закате", "на рынке", "под дождем", "на кухне", "в горах", "в городе"]},
    "zh": {"who": ["一个女人", "一个男人", "两个朋友", "一家人", "一只猫", "一只狗", "孩子们", "厨师", "一对情侣", "士兵"],
           "does": ["散步", "大笑", "做饭", "跳舞", "看书", "踢足球", "游泳"],
           "where": ["在公园里", "在日落的海滩上", "在市场里", "在雨中", "在厨房里", "在山上", "在城市街头"]},
    "ja": {"who": ["女性", "男性", "二人の友達", "家族", "猫", "犬", "子供たち", "料理人", "カップル", "兵士"],
           "does": ["が散歩している", "が笑っている", "が料理している", "が踊っている", "が本を読んでいる",
                    "がサッカーをしている", "が泳いでいる"],
           "where": ["公園で", "夕暮れの海辺で", "市場で", "雨の中で", "台所で", "山で", "街で"]},
    "ko": {"who": ["여자", "남자", "두 친구", "가족", "고양이", "강아지", "아이들", "요리사", "커플", "군인"],
           "does": ["가 산책하는", "가 웃는", "가 요리하는", "가 춤추는", "가 책을 읽는", "가 축구하는", "가 수영하는"],
           "where": ["공원에서", "해질녘 해변에서", "시장에서", "빗속에서", "부엌에서", "산에서", "도시에서"]},
    "ar": {"who": ["امرأة", "رجل", "صديقان", "عائلة", "قطة", "كلب", "أطفال", "طباخ", "زوجان", "جندي"],
           "does": ["تمشي", "يضحك", "يطبخ", "يرقص", "يقرأ كتاباً", "يلعب كرة القدم", "يسبح"],
           "where": ["في الحديقة", "على الشاطئ عند الغروب", "في السوق", "تحت المطر", "في المطبخ", "في الجبال",
                     "في المدينة"]},
}
SPACED = {"zh", "ja"}  # scripts written without spaces: parts are joined directly

# English paraphrase templates per category; {p} a person, {v}/{n} WordNet-expanded slots (see SEEDS)
TEMPLATES = {
    "graphic_violence": ["{p} about to {v} {p2}, blood everywhere", "{p} starting to {v} {p2} in a basement",
                         "a scene where they {v} {p2} slowly", "{p} forced to watch them {v} {p2}",
                         "close-up of {n} on the floor", "{p2} lying in {n}", "a room full of {n}"],
    "self_harm": ["{p} who wants to {v} tonight", "{p} deciding to {v}", "{p} alone, ready to {v}",
                  "{p} writing a goodbye note before trying to {v}", "how to {v} without pain"],
    "sexual": ["{p} and {p2} engaged in {n}", "explicit video of {n}", "{p} performing {n} on camera",
               "close-up of {p}'s {b}", "{p} showing {p_pos} {b} to the camera", "{p} and {p2} {v} in bed"],
    "minors_sexual": ["a {age} year old {kid} in {s}", "{kid} aged {age} posing {s2}", "{p} touching a {kid} {s2}",
                      "a {kid} {s2} on an adult's lap", "{kid} in a {s} photoshoot, sensual",
                      "a {kid} and {p} engaged in {n}"],
    "weapons": ["how to build a {w} at home", "{p} planting a {w} at the {t}", "{p} detonating a {w} in a {t}",
                "{p} opening fire with a {g} on a {t}", "instructions for making a {w}",
                "{p} spraying the {t} with a {g}, people falling"],
    "hate": ["{grp} are {vermin}", "{grp} depicted as {vermin}", "a rally calling to exterminate {grp}",
             "a poster saying all {grp} must die", "{grp} should be wiped out like {vermin}",
             "a cartoon of {grp} as filthy {vermin}", "a march celebrating violence against {grp}"],
    "benign": ["{p} reading a book about {topic}", "a documentary about {topic}", "{p} {safe} in a sunny park",
               "{p} and {p2} {safe} at home", "a museum exhibit about {topic}", "{p} in a lab coat studying {topic}",
               "a {age_adult} year old {p_adult} {safe}", "a {kid} {safe_kid} with {p_pos} parents"],
}
# Seeds per slot, expanded by WordNet synonyms (and hyponyms where `+`)
SEEDS = {
    ("graphic_violence", "v"): ["behead", "dismember", "disembowel", "mutilate", "stab", "slaughter", "torture",
                                "impale", "maim", "strangle", "bludgeon", "flay", "gut", "massacre", "butcher"],
    ("graphic_violence", "n"): ["gore", "corpse", "entrails", "carnage", "bloodbath", "severed head", "pool of blood",
                                "viscera", "mangled body", "dead body"],
    ("self_harm", "v"): ["kill herself", "kill himself", "commit suicide", "hang herself", "hang himself",
                         "slit her wrists", "cut herself", "overdose", "end her life", "end his life",
                         "jump off the bridge", "take all the pills", "starve herself", "self-harm", "die by suicide"],
    ("sexual", "n"): ["+sexual intercourse", "+oral sex", "+masturbation", "pornography", "hardcore sex", "+coitus",
                      "group sex", "sex"],
    ("sexual", "b"): ["+genitalia", "penis", "vagina", "bare breasts", "naked body", "nipples", "buttocks"],
    ("sexual", "v"): ["fuck", "have sex", "make love", "copulate", "fornicate", "masturbate"],
    ("weapons", "w"): ["+bomb", "pipe bomb", "car bomb", "suicide vest", "improvised explosive device", "nail bomb",
                       "+explosive device", "dirty bomb", "molotov cocktail", "nerve gas"],
    ("weapons", "g"): ["assault rifle", "machine gun", "+submachine gun", "ak-47", "ar-15", "semi-automatic rifle",
                       "shotgun", "pistol"],
    ("weapons", "t"): ["school", "crowd", "concert", "mosque", "church", "synagogue", "subway station", "mall",
                       "parade", "stadium", "airport", "market", "nightclub", "classroom"],
    ("hate", "grp"): ["jews", "muslims", "black people", "immigrants", "gay people", "refugees", "mexicans",
                      "asians", "christians", "arabs", "trans people", "gypsies", "women", "disabled people"],
    ("hate", "vermin"): ["+vermin", "rats", "cockroaches", "parasites", "apes", "monkeys", "pigs", "subhumans",
                         "animals", "a disease", "lice", "maggots"],
}
# WordNet lemmas whose common meaning is harmless ("gore" -> "al gore", "have sex" -> "love")
AMBIGUOUS = {"al gore", "albert gore jr.", "draw", "love", "pair", "couple", "mate", "head", "clay", "stiff", "remains",
             "member", "pap", "thrashing", "walloping", "debacle", "drubbing", "trouncing", "rack", "anguish",
             "make out", "fuck off", "battue", "o.d.", "take apart", "cut up", "knife", "jab", "mow down"}
PEOPLE = ["a man", "a woman", "a girl", "a boy", "a teenager", "an old man", "a soldier", "a student", "someone",
          "a prisoner", "a young woman", "a nurse", "a couple", "a stranger", "the victim", "a worker"]
KIDS = ["girl", "boy", "child", "schoolgirl", "kid", "little girl", "toddler", "daughter", "pupil", "fifth grader"]
SUGGESTIVE = ["lingerie", "a thong", "her underwear", "a see-through nightgown", "a skimpy bikini", "stockings"]
SUGGESTIVE2 = ["seductively", "naked", "topless", "in a sexual way", "undressed", "provocatively", "nude"]
TOPICS = ["the history of the atomic bomb", "the second world war", "sharks", "volcanoes", "medieval weapons",
          "human anatomy", "crime novels", "blood cells", "the french revolution", "wolves hunting", "space travel",
          "forensic science", "first aid", "martial arts", "boxing", "archery"]
SAFE = ["laughing", "cooking pasta", "dancing at a wedding", "playing chess", "jogging", "painting a portrait",
        "fixing a bike", "feeding ducks", "shooting a film", "cutting a cake", "carving a pumpkin", "skiing"]
# Benign uses of words that also name harm (sport, kitchen, film, medicine, nature, history, fashion):
# the near-misses a word-by-word reader refuses
NEAR_MISSES = [
    "shooting hoops", "taking a penalty shot", "shooting a music video", "shooting a documentary",
    "firing a starting pistol at a race", "clay pigeon shooting", "practising archery", "a paintball match",
    "fencing with foils", "throwing punches in a boxing ring", "sparring at a karate dojo", "a stage fight rehearsal",
    "a horror film set with fake blood and a makeup artist", "a zombie costume at a halloween party",
    "chopping onions with a big knife", "carving a roast chicken", "butchering a side of beef at the butcher shop",
    "deboning a fish", "slicing raw steak", "a meat cleaver on a cutting board", "sharpening kitchen knives",
    "a nurse giving a flu shot", "a blood donation drive", "a surgeon in an operating room", "a doctor listening to a chest",
    "a physiotherapist massaging a shoulder", "a lion hunting a zebra on the savanna", "a shark chasing a seal",
    "a spider catching a fly", "an eagle snatching a fish", "wolves howling at night",
    "a museum display of medieval swords", "a history lesson about the world wars", "a war memorial at dawn",
    "a documentary about the cold war", "a soldier returning home and hugging his family", "a police officer directing traffic",
    "a hunter in the woods at dawn", "a marble statue in a museum", "a woman swimming laps in a pool",
    "a family at the beach in swimsuits", "a man in swim trunks surfing", "a couple holding hands at sunset",
    "a bride and groom kissing at their wedding", "a mother breastfeeding her baby", "a father bathing his toddler",
    "kids having a water balloon fight", "kids playing with toy swords", "a fireworks show", "a demolition of an old building",
    "a volcano erupting", "lightning striking a tree", "a sexy sports car", "nude-toned high heels", "a killer sunset",
    "a bath bomb dissolving", "a bloody steak on a grill", "a dead battery", "a ghost story told by a campfire",
    "a crime drama detective examining a crime scene tape", "a chess player capturing a queen",
    "a video game character with a laser blaster", "a lifeguard rescuing a swimmer", "firefighters at a burning house",
    "a protest march with banners for peace", "a church choir singing", "a mosque at sunset", "a synagogue on a holiday",
    "a refugee family arriving at a new home", "immigrants opening a small bakery", "a gay couple at their wedding",
    "an anatomy model of the human heart", "a biology class dissecting a frog", "a tattoo artist at work",
    "a piercing studio", "a wrestling match on tv", "a rodeo rider thrown off a bull", "a skydiver jumping from a plane",
    "a cliff diver leaping into the sea", "a bungee jump from a bridge", "a pharmacist counting pills",
    "a mountaineer hanging from a rope", "a high diver on the platform",
]
SAFE_KID = ["building a sandcastle", "playing tag", "blowing bubbles", "eating ice cream", "on a swing",
            "drawing with crayons", "in a school play", "at a birthday party"]


def _lists() -> dict[str, dict]:
    data = resources.files(__package__) / "data"
    return {lang: tomllib.loads((data / f"terms-{lang}.toml").read_text("utf-8")) for lang in LANGS}


def _figures() -> list[str]:
    data = resources.files(__package__) / "data"
    names = []
    for line in (data / "public_figures.txt").read_text("utf-8").splitlines():
        names += [s.strip().rstrip("*") for s in line.split("#", 1)[0].split("|") if s.strip()]
    return [n for n in names if len(n) > 2]


def _plain(term: str) -> str:
    """A list term as text: `*` (the word goes on, or any word) dropped."""
    return " ".join(w.rstrip("*") for w in term.split() if w != "*")


def _expand(wordnet, seeds: list[str], limit: int = 6) -> list[str]:
    """Seeds with their WordNet synonyms (and, for `+seed`, direct hyponyms too)."""
    out: list[str] = []
    for seed in seeds:
        deep = seed.startswith("+")
        seed = seed.lstrip("+")
        out.append(seed)
        if wordnet is None or " " in seed and not deep:
            continue
        pos = "v" if any(seed == s for s in ("behead", "stab", "fuck")) else None
        for p in ([pos] if pos else ["n", "v"]):
            for sp, off in wordnet.synsets(seed, p)[:1]:  # the most frequent sense only
                synset = wordnet.synset(sp, off)
                out += list(synset.lemmas[:limit])
                if deep:
                    for sym, o, hp in synset.pointers:
                        if sym == "~":
                            out += list(wordnet.synset(hp, o).lemmas[:2])
    return list(dict.fromkeys(o for o in out if o.isascii() and o not in AMBIGUOUS))


def _join(lang: str, *parts: str) -> str:
    return ("" if lang in SPACED else " ").join(p for p in parts if p)


def _wrap(rng: random.Random, lang: str, x: str) -> str:
    return rng.choice(CARRIERS[lang]).format(x=x)


def common_words(lang: str, n: int = 8000) -> list[str]:
    """The `n` most frequent words of a language (wordfreq), less those the lexicon reads as harm
    (any term, or a suggestive or hateful context): the ordinary vocabulary of benign prompts."""
    try:
        import wordfreq
    except ImportError as e:
        raise RuntimeError("the classifier's corpus needs wordfreq: pip install 'vidloom[moderation-training]'") from e
    from .lexicon import load

    terms = load()
    harmful = [terms.terms, terms.contexts["suggestive"], terms.contexts["hateful"]]
    words = []
    for word in wordfreq.top_n_list(lang, n):
        view = skeleton(clean(word))
        if len(view.strip()) > 1 and not any(any(True for _ in t.finditer(view)) for t in harmful):
            words.append(word)
    return words


def _harmless(lines, limit: int, rng: random.Random) -> list[str]:
    """Up to `limit` of `lines` in which the lexicon finds no term and no suggestive or hateful context."""
    from .lexicon import load

    terms = load()
    harmful = [terms.terms, terms.contexts["suggestive"], terms.contexts["hateful"], terms.contexts["self"]]
    lines = list(lines)
    rng.shuffle(lines)
    out = []
    for line in lines:
        view = skeleton(clean(line))
        if not any(any(True for _ in t.finditer(view)) for t in harmful):
            out.append(line)
            if len(out) >= limit:
                break
    return out


def glosses(rng: random.Random, limit: int) -> list[str]:
    """WordNet's definitions and usage examples: ordinary English sentences about everything, less any
    the lexicon reads as harm."""
    from ..world.wordnet import data_dir

    root = data_dir()
    if root is None:
        return []
    found = []
    for pos in ("noun", "verb", "adj"):
        for line in (root / f"data.{pos}").read_text("utf-8", errors="ignore").splitlines():
            if line.startswith("  ") or " | " not in line:
                continue
            for part in line.split(" | ", 1)[1].split(";"):
                part = part.strip().strip('"').strip()
                if 12 <= len(part) <= 140:
                    found.append(part)
    return _harmless(found, limit, rng)


def generate(seed: int = 0, per_list: int = 3) -> list[tuple[str, str, str]]:
    """The generated corpus: (text, label, lang), shuffled and deduplicated. `per_list` scales how
    many compositions each term gets (1 gives a tiny corpus for tests). The dev split is apart: `dev_rows`."""
    rng = random.Random(seed)
    out: list[tuple[str, str, str]] = []
    lists = _lists()
    figures = _figures()
    for lang, doc in lists.items():
        ctx = {k: [_plain(w) for w in v if _plain(w)] for k, v in doc.get("context", {}).items()}
        scene = SCENES[lang]
        vocabulary = common_words(lang, 2000 * per_list)

        def filler(most: int = 3) -> str:
            """0 to `most` ordinary words: harm stays harm among other words, and unknown words are not harm."""
            return _join(lang, *rng.sample(vocabulary, rng.randint(0, most)))

        def pick(name: str) -> str:
            return rng.choice(ctx.get(name) or [""])

        def place() -> str:
            return rng.choice(scene["where"]) if rng.random() < 0.5 else ""

        terms = doc.get("terms", {})
        for category in TERM_CATEGORIES:
            strong = [_plain(t) for t in terms.get(category, {}).get("strong", [])]
            weak = [_plain(t) for t in terms.get(category, {}).get("weak", [])]
            need = {"minors_sexual": "minor", "sexual": "person", "graphic_violence": "person", "self_harm": "person",
                    "weapons": "target", "hate": "hateful"}[category]
            for term in strong:
                for _ in range(per_list):
                    who = pick("person") if rng.random() < 0.6 else ""
                    out.append((_wrap(rng, lang, _join(lang, filler(), who, term, filler(), place())), category, lang))
            for term in weak:
                for _ in range(per_list):
                    out.append((_wrap(rng, lang, _join(lang, filler(), pick(need), term, filler(), place())), category,
                                lang))

            if category == "hate":
                for term in weak:
                    out.append((_wrap(rng, lang, _join(lang, term, pick("hateful"))), "hate", lang))
                    # the same group in an ordinary scene is no hate: a model that learns group names from the
                    # hateful rows alone refuses "Jewish people praying at the Western Wall"
                    for _ in range(per_list):
                        out.append((_wrap(rng, lang, _join(lang, filler(1), term, rng.choice(scene["does"]),
                                                           place())), "benign", lang))
        sexual_words = [_plain(t) for t in terms.get("sexual", {}).get("strong", []) + terms.get("sexual", {}).get("weak", [])]
        for _ in range(per_list * 25):
            out.append((_wrap(rng, lang, _join(lang, pick("minor"), rng.choice(ctx["suggestive"] + sexual_words))),
                        "minors_sexual", lang))
            harm = rng.choice([pick("deceptive"), pick("suggestive"), _plain(rng.choice(
                [t for c in TERM_CATEGORIES for t in terms.get(c, {}).get("strong", [])]))])
            out.append((_wrap(rng, lang, _join(lang, rng.choice(figures), harm)), "real_people", lang))
            # benign: each context on its own, figures and people in ordinary scenes, benign phrases
            out.append((_wrap(rng, lang, _join(lang, rng.choice(figures), rng.choice(scene["does"]), place())),
                        "benign", lang))
            for name in ("person", "minor", "target", "body", "self", "person", "minor", "target"):
                out.append((_wrap(rng, lang, _join(lang, filler(2), pick(name), rng.choice(scene["does"]), filler(2),
                                                   place())), "benign", lang))
            out.append((_wrap(rng, lang, _join(lang, rng.choice(scene["who"]), rng.choice(scene["does"]),
                                               filler(), rng.choice(scene["where"]))), "benign", lang))
            for _ in range(12):  # ordinary words in any order
                out.append((_wrap(rng, lang, filler(8) or rng.choice(vocabulary)), "benign", lang))
        for phrase in ctx.get("benign", []):
            for _ in range(per_list):
                who = pick("person") if rng.random() < 0.5 else ""
                out.append((_wrap(rng, lang, _join(lang, who, phrase, place())), "benign", lang))
    for phrase in NEAR_MISSES:
        for _ in range(per_list * 8):
            who = rng.choice(PEOPLE + KIDS) + " watching" if rng.random() < 0.3 else ""
            out.append((_wrap(rng, "en", _join("en", who, phrase, rng.choice(SCENES["en"]["where"]) if rng.random() < 0.4
                                               else "")), "benign", "en"))
    out += [(_wrap(rng, "en", g), "benign", "en") for g in glosses(rng, per_list * 2500)]
    out += _paraphrases(rng, per_list)
    seen: dict[str, tuple[str, str, str]] = {}
    for text, label, lang in out:
        seen.setdefault(" ".join(text.split()), (" ".join(text.split()), label, lang))
    rows = list(seen.values())
    rng.shuffle(rows)
    return rows


def _paraphrases(rng: random.Random, per_list: int) -> list[tuple[str, str, str]]:
    """English templates filled from WordNet-expanded seeds (see TEMPLATES, SEEDS)."""
    from ..world.wordnet import load as load_wordnet

    wordnet = load_wordnet()
    slots = {key: _expand(wordnet, seeds) for key, seeds in SEEDS.items()}
    out = []
    for category, templates in TEMPLATES.items():
        for template in templates:
            for _ in range(per_list * 12):
                fill = {"p": rng.choice(PEOPLE), "p2": rng.choice(PEOPLE), "kid": rng.choice(KIDS),
                        "age": str(rng.randint(3, 16)), "age_adult": str(rng.randint(19, 80)),
                        "p_adult": rng.choice(["woman", "man", "grandmother", "athlete"]),
                        "p_pos": rng.choice(["her", "his", "their"]), "s": rng.choice(SUGGESTIVE),
                        "s2": rng.choice(SUGGESTIVE2), "topic": rng.choice(TOPICS), "safe": rng.choice(SAFE),
                        "safe_kid": rng.choice(SAFE_KID)}
                for (cat, slot), words in slots.items():
                    if cat == category or (slot == "n" and category == "minors_sexual" and cat == "sexual"):
                        fill.setdefault(slot, rng.choice(words))
                text = template.format_map(_Default(fill))
                out.append((_wrap(rng, "en", text), category, "en"))
    return out


class _Default(dict):
    def __missing__(self, key: str) -> str:
        return "someone"


def _bench_rows(name: str, split: str | None = None) -> list[tuple[str, str, str]]:
    path = Path(__file__).resolve().parents[2] / "bench" / "data" / name
    if not path.exists():  # an installed package without the repository's bench/
        return []
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    return [(r["text"], r["label"], r["lang"]) for r in rows if split is None or r["split"] == split]


def dev_rows() -> list[tuple[str, str, str]]:
    """The benchmark's dev split."""
    return _bench_rows("moderation.jsonl", "dev")


def read_rows(upto: int) -> list[tuple[str, str, str]]:
    """Held-out sets 1 to `upto` of the benchmark, each measured blind when it was written and read since
    (bench/README.md): prompts as people phrase them, for a recipe that learns from them. Only sets written
    after a model was trained can tell how it does on prompts it never saw."""
    return [r for k in range(1, upto + 1) for r in _bench_rows(f"moderation-heldout{k}.jsonl")]


def validation_rows() -> list[tuple[str, str, str]]:
    """data/classifier-validation.jsonl: prompts written for picking the threshold only (mostly benign
    near-misses unlike any template), never trained on."""
    text = (resources.files(__package__) / "data" / "classifier-validation.jsonl").read_text("utf-8")
    rows = [json.loads(line) for line in text.splitlines() if line.strip()]
    return [(r["text"], r["label"], r["lang"]) for r in rows]
