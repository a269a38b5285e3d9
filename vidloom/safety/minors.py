"""Minors told by description: an age under 18 in digits or in words, and school grades and years, in
the ten languages of the term lists ("7th graders", "year 8 pupils", "a freshman in high school",
"Grundschüler", "en 5e", "初中生", "中学2年", "열다섯 살", "في الصف السابع").

`describe(text)` returns the words that name a minor, or None; the lexicon reads them as its `minor`
context (so with a sexual or suggestive word they are sexual content with minors). Vocabulary: the
number words 1-17 and the names of school stages and grades of each language's school system
(general knowledge: primary, lower and upper secondary school; grades are at most 12, years at most
11, as older pupils may be adults), not phrases of any evaluation set. Matched on the skeleton of
the prompt (lower case, no diacritics, punctuation as spaces).
"""
from __future__ import annotations

import re

from .normalize import clean, skeleton

_NUM_EN = ("one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
           "seventeen")
_ORD_EN = "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth"
_NUM_ES = ("un|uno|una|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|trece|catorce|quince|"
           "dieciseis|diecisiete")
_NUM_PT = ("um|uma|dois|duas|tres|quatro|cinco|seis|sete|oito|nove|dez|onze|doze|treze|catorze|quatorze|quinze|"
           "dezesseis|dezasseis|dezessete|dezassete")
_NUM_FR = "un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|dix sept"
_NUM_DE = ("ein|eins|zwei|drei|vier|funf|sechs|sieben|acht|neun|zehn|elf|zwolf|dreizehn|vierzehn|funfzehn|"
           "sechzehn|siebzehn")
_NUM_RU = ("один|одна|два|две|три|четыре|пять|шесть|семь|восемь|девять|десять|одиннадцать|двенадцать|"
           "тринадцать|четырнадцать|пятнадцать|шестнадцать|семнадцать")
_STEM_RU = ("двух|трех|четырех|пяти|шести|семи|восьми|девяти|десяти|одиннадцати|двенадцати|тринадцати|"
            "четырнадцати|пятнадцати|шестнадцати|семнадцати")
_CJK_NUM = "[一二三四五六七八九]|十[一二三四五六七]?"  # 1-17 in Chinese and Japanese numerals
_NUM_KO_NATIVE = "한|두|세|네|다섯|여섯|일곱|여덟|아홉|열|열한|열두|열세|열네|열다섯|열여섯|열일곱"
_NUM_KO_SINO = "일|이|삼|사|오|육|칠|팔|구|십|십일|십이|십삼|십사|십오|십육|십칠"
_NUM_AR = ("واحد|اثنين|اثنتين|اثنان|ثلاث|ثلاثة|اربع|اربعة|خمس|خمسة|ست|ستة|سبع|سبعة|ثماني|ثمان|ثمانية|تسع|تسعة|"
           "عشر|عشرة|احدى عشرة|احد عشر|اثني عشر|اثنتي عشرة|ثلاث عشرة|ثلاثة عشر|اربع عشرة|اربعة عشر|خمس عشرة|"
           "خمسة عشر|ست عشرة|ستة عشر|سبع عشرة|سبعة عشر")
_ORD_AR = "الاول|الثاني|الثالث|الرابع|الخامس|السادس|السابع|الثامن|التاسع"

# (pattern, group holding a number that must be under a bound, the bound) per description
_DESCRIPTIONS: list[tuple[re.Pattern, int | None, int]] = [(re.compile(p), g, bound) for p, g, bound in [
    # English: ages in words, grades and years, school stages
    (rf"(?<= )(?<!ty )(?:{_NUM_EN}) ?years? old(?= )|(?<= )(?<!ty )(?:{_NUM_EN}) ?year ?olds?(?= )", None, 0),
    (rf"(?<= )aged (?:{_NUM_EN})(?= )|(?<= )age (?:{_NUM_EN})(?= )", None, 0),
    (r"(?<= )(\d{1,2})(?:st|nd|rd|th)? ?grade(?:rs?)?(?= )", 1, 13),
    (r"(?<= )grade (\d{1,2})(?= )", 1, 13),
    (rf"(?<= )(?:{_ORD_EN}) ?grade(?:rs?)?(?= )", None, 0),
    (r"(?<= )year (\d{1,2}) (?:students?|pupils?|girls?|boys?|kids?|class|schoolgirls?|schoolboys?)(?= )", 1, 12),
    (r"(?<= )(?:freshman|freshmen|sophomores?|juniors?) (?:girls? |boys? )?(?:in|at|from) (?:high|middle|junior high) "
     r"school(?= )", None, 0),
    (r"(?<= )(?:high|middle|junior high|grade|elementary|primary|prep) ?school(?:ers?| girls?| boys?| students?| kids?| "
     r"freshm[ae]n| sophomores?| cheerleaders?)(?= )", None, 0),
    (r"(?<= )(?:kindergartners?|kindergarteners?|preschoolers?|junior high|middle schoolers?)(?= )", None, 0),
    # Spanish and Portuguese
    (rf"(?<= )(?<! y )(?<! e )(?<!nta )(?:{_NUM_ES}|{_NUM_PT}) (?:anos|anitos|aninhos)(?= )", None, 0),
    (r"(?<= )(\d{1,2}) ?[oa]? (?:de |del )?(?:primaria|secundaria|eso|grado|basica|ano|serie)(?= )", 1, 12),
    (r"(?<= )(?:primero|segundo|tercero|tercer|cuarto|quinto|sexto|primer) (?:de |del |grado de )?(?:primaria|"
     r"secundaria|eso|grado|basica)(?= )", None, 0),
    (r"(?<= )(?:primeiro|segundo|terceiro|quarto|quinto|sexto|setimo|oitavo|nono) ano(?= )", None, 0),
    (r"(?<= )(?:alumn[oa]s?|estudiantes?|chic[oa]s?|nin[oa]s?) de (?:primaria|secundaria|la eso|colegio)(?= )", None, 0),
    (r"(?<= )(?:alun[oa]s?|estudantes?|menin[oa]s?) do (?:ensino fundamental|ensino medio|fundamental)(?= )", None, 0),
    (r"(?<= )(?:ensino fundamental|ensino medio|escola primaria)(?= )", None, 0),
    # French
    (rf"(?<= )(?<! et )(?<!vingt )(?<!trente )(?<!rante )(?<!uante )(?<!xante )(?:{_NUM_FR}) ans(?= )", None, 0),
    (r"(?<= )(?:en|de|eleve de|eleves de|eleve en) (?:cp|ce1|ce2|cm1|cm2)(?= )", None, 0),
    (r"(?<= )(?:en|de|eleve de) (\d{1,2}) ?(?:e|eme)(?= )", 1, 7),
    (r"(?<= )(?:en|de|eleve de|eleves de) (?:sixieme|cinquieme|quatrieme|troisieme|seconde|premiere)(?= )", None, 0),
    (r"(?<= )(?:lyceen(?:ne)?s?|collegien(?:ne)?s?|ecolier(?:e)?s?)(?= )", None, 0),
    # German
    (rf"(?<= )(?:{_NUM_DE})(?:e|er|es|en)? ?jahr(?:e|en)? alt(?= )|(?<= )(?:von|mit) (?:{_NUM_DE}) jahren(?= )", None, 0),
    (r"(?<= )(\d{1,2}) ?klasse(?= )|(?<= )klasse (\d{1,2})(?= )", 1, 13),
    (r"(?<= )(?:erst|zweit|dritt|viert|funft|sechst|siebt|acht|neunt|zehnt)klassler\w*(?= )", None, 0),
    (r"(?<= )(?:grundschul|hauptschul|realschul|gesamtschul)\w*(?= )|(?<= )gymnasiast\w*(?= )", None, 0),
    # Russian
    (rf"(?<= )(?<!дцать )(?<!сорок )(?:{_NUM_RU}) (?:лет|года|год)(?= )", None, 0),
    (rf"(?<= )(?:{_STEM_RU})летн\w*(?= )", None, 0),
    (r"(?<= )(\d{1,2}) ?(?:го |ого |и |ои )?класс\w*(?= )", 1, 12),
    (r"(?<= )(?:перво|второ|третье|четверо|пяти|шести|семи|восьми|девяти|десяти|старше|младше)классни\w*(?= )", None, 0),
    # Chinese and Japanese (skeletons keep their characters)
    (rf"(?<![一二三四五六七八九十百0-9])(?:{_CJK_NUM})[岁歲歳才]", None, 0),
    (r"(?:小学|小學|初中|高中)?[一二三四五六1-6]年[级級]", None, 0),
    (r"[初高][一二三]学生|初中生|高中生|初中女生|高中女生|初中男生|高中男生", None, 0),
    (r"(?:小学|中学|高校)[1-6一二三四五六]年生?|女子高生|男子高生|高校生|中坊|(?<= )jk(?= )", None, 0),
    # Korean
    (rf"(?<= )(?:{_NUM_KO_NATIVE}) ?살(?= |짜리|의|이 |배기)|(?<= )(?:{_NUM_KO_SINO})세(?= )", None, 0),
    (r"(?:초등학교|중학교|고등학교|초등|중등) ?[1-6일이삼사오육] ?학년|초딩|중딩|고딩", None, 0),
    # Arabic
    (rf"(?<= )(?:{_NUM_AR}) (?:سنة|سنوات|اعوام|عاما|عام)(?= )", None, 0),
    (rf"(?<= )(?:ال)?صف (?:{_ORD_AR})(?= )|(?<= )(?:ال)?صف (\d{{1,2}})(?= )", 2, 13),
    (r"(?<= )(?:المرحلة|مدرسة|المدرسة) (?:الابتدائية|الاعدادية|المتوسطة)(?= )", None, 0),
]]


def describe(text: str) -> str | None:
    """The words of `text` that describe a minor by age or school grade, or None."""
    view = skeleton(clean(text))
    for pattern, group, bound in _DESCRIPTIONS:
        for m in pattern.finditer(view):
            number = next((g for g in m.groups() if g), None) if group else None
            if number is None or int(number) < bound:
                return m.group(0).strip()
    return None
