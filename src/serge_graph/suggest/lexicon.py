"""The words the rules know, in English, Spanish and French: function words that begin
sentences, honorifics, the words that make a name an organisation, a place or a work.

All lower-case and without accents (compared with text.fold_name).
"""

from __future__ import annotations

from .text import fold_name


def _words(text: str) -> frozenset[str]:
    return frozenset(fold_name(word) for word in text.split())


# Capitalised only because they begin a sentence (or a heading): never a name alone.
FUNCTION_WORDS = _words(
    # English
    "a about above after again against all almost also although always among an and another "
    "any are as at be because been before being between both but by can certainly could did "
    "do does during each either even every few first for from had has have he her here hers "
    "him his how however i if in indeed into is it its just last later least less let like "
    "many may me meanwhile more moreover most much must my neither never nevertheless no nor "
    "not nothing now of often on once one only or other others our out over perhaps quite "
    "rather same several she should since so some someone something soon still such than "
    "that the their them then there therefore these they this those though thus to too "
    "towards under unfortunately fortunately until upon us very was we were what whatever "
    "when where whereas whether which while who whom whose why will with within without "
    "would yet you your yes half deep thanks whilst instead besides despite "
    # Spanish
    "al algo algunos algunas ante antes aquel aquella aquí así aun aunque bajo bien cada "
    "casi como con contra cual cuando cuanto de del desde después donde durante el ella "
    "ellas ellos en entonces entre era eran es esa ese eso esta este esto estos estas fue "
    "fueron ha había hace hacia hasta hay la las le les lo los luego mas más me mientras "
    "muy nada ni no nos nosotros nuestro nuestra o otra otro otros para pero poco por porque "
    "pues que quien se según ser si sin sino sobre su sus tal también tampoco tan tanto "
    "todo todos toda todas tras tu un una uno unos unas usted y ya yo él sólo solo "
    "allí además incluso apenas cuya cuyo "
    # French
    "à au aux avec ce cela ces cet cette chez comme dans depuis des donc dont du elle elles "
    "en entre et il ils je la le les leur leurs lui mais même mes moi mon ne ni nous on ou "
    "où par parmi pas pendant plus pour puis quand que qui sa sans se selon ses si son sous "
    "sur ta tandis te tes toi ton tous tout toute toutes très tu un une vers voici voilà "
    "vous ainsi alors aussi après avant bien déjà encore enfin ici jamais lorsque toujours"
)

# Calendar words: capitalised in English and French headings, never an entity alone.
CALENDAR_WORDS = _words(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday "
    "enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre "
    "noviembre diciembre lunes martes miércoles jueves viernes sábado domingo "
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre "
    "lundi mardi mercredi jeudi vendredi samedi dimanche"
)

# Words that may stand before a person's name without being part of it.
HONORIFICS = _words(
    "general president presidente président dr doctor don doña señor señora sr sra mr mrs "
    "ms m mme madame monsieur professor profesor professeur comrade camarada compañero "
    "camarade colonel coronel capitán captain lieutenant teniente licenciado lic ingeniero "
    "ing citizen ciudadano citoyen mister sir lord lady father padre"
)

# Lower-case words allowed inside a name: Partido Obrero de Unificación Marxista,
# Comité de Vigilance des Intellectuels Antifascistes, Palace of Fine Arts.
CONNECTORS = _words("de del la las los el y e of the and for du des d' l' et von van der sans")
JOINING_CONNECTORS = _words("y e and et")  # join two names unless an organisation's own

ORGANISATION_WORDS = _words(
    "party partido parti committee comité comite commission comisión union unión "
    "federation federación fédération confederation confederación confédération "
    "international internacional internationale bureau front frente congress congreso "
    "association asociación society sociedad société institute instituto institut "
    "university universidad université bloc bloque league liga ligue ministry ministerio "
    "ministère government gobierno gouvernement police policía army ejército armée "
    "brigades brigadas brigade club group grupo groupe movement movimiento mouvement "
    "council consejo conseil bank banco banque press prensa editorial ediciones éditions "
    "agency agencia agence company compañía compagnie syndicate sindicato syndicat "
    "centre center centro workers obreros trabajadores ouvriers youth juventud juventudes "
    "jeunesses opposition oposición alliance alianza school escuela école academy academia "
    "republic república république secretariat secretaría"
)
PLACE_WORDS = _words(
    "city ciudad ville street calle rue avenue avenida island islands isla islas île îles "
    "province provincia river río rivière mount monte mont lake lago lac port puerto "
    "valley valle bay bahía cemetery cementerio cimetière square plaza place palace palacio "
    "palais museum museo musée theatre teatro théâtre panteón pantheon"
)
WORK_WORDS = _words(
    "book novel pamphlet article essay review magazine newspaper paper journal weekly daily "
    "memoirs poem play film libro novela folleto artículo ensayo revista periódico diario "
    "semanario memorias poema obra livre roman brochure essai revue journal hebdomadaire "
    "quotidien mémoires carnets biography biografía biographie"
)
# Words for a periodical: the name after one is a periodical's (la revista Mundo).
PERIODICAL_WORDS = _words(
    "review magazine newspaper journal weekly daily gazette revista periódico diario "
    "semanario gaceta boletín revue hebdomadaire quotidien gazette bulletin"
)
# Words that say the name after them is a person's (el poeta X, sa compagne X).
PERSON_WORDS = _words(
    "poet poeta poète novelist novelista romancier writer escritor escritora écrivain "
    "archaeologist arqueólogo arqueóloga archéologue painter pintor pintora peintre "
    "journalist periodista journaliste historian historiador historiadora historien "
    "son hijo fils daughter hija fille wife esposa épouse companion compañera compagne "
    "brother hermano frère friend amigo amiga ami amie ambassador embajador ambassadeur "
    "minister ministro ministre leader dirigente dirigeant militant militante "
    "philosopher filósofo philosophe editor éditeur"
)
# Words that make a name an event's (Moscow Trials, Guerra Civil), with the event type.
EVENT_TYPES = {
    fold_name(word): kind
    for kind, words in {
        "Trial": "trial trials juicio juicios proceso procesos procès",
        "War": "war revolution uprising guerra revolución levantamiento guerre révolution",
        "Congress": "congress congreso congrès",
        "Pact": "pact treaty pacto tratado pacte traité",
    }.items()
    for word in words.split()
}
EVENT_WORDS = frozenset(EVENT_TYPES)
# Prepositions after which a lone capitalised word is most likely a place.
PLACE_PREPOSITIONS = _words("in at en à au dans desde hacia near cerca")
# Endings of a lone capitalised word that names a group of people (Stalinists, poumistas).
GROUP_ENDINGS = ("ists", "istas", "istes", "ites", "ans", "anos", "anas", "ais", "ois")
