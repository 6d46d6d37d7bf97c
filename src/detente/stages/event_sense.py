"""Word sense and political relevance for event candidates.

The events stage finds candidates by their trigger words; this module says,
from what a trigger governs and who takes part, whether a candidate can be a
political event at all, and in which sense. It reads tokens of the spaCy
parse and actor records; it adds nothing itself (``events`` calls it).

Two questions, each a function:

- :func:`sense`: does the trigger mean the event here? Troops, forces and
  weapons are deployed, prototypes are not; a death in a crash or by an
  overdose is no assault; "attacked a proposal" is an ACCUSE; a warning of
  delays is no threat; a score line ("beat Spain 2-1") is sport.
- :func:`political`: does an actor on one side make it politics? A state,
  its government, officials, military, police, courts; an international
  organisation; an armed group, party, union or NGO; candidates, party
  members and campaigners named by what they are ("Republicans", "Human
  rights groups"); what a state issues ("the decree banned …"); protesters
  acting publicly. Companies, markets, clubs, products, pundits and private
  people make no event on their own (the reference lists are PETRARCH's
  agent and discard dictionaries; the words here are detente's own).
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from ..kb.roles import SPORTS, words
from ..records import ActorRecord

#: Sectors whose actors act politically (kb/data/roles.tsv's codes); parties
#: (PTY) and unions (LAB) count, as the issue on events says.
POLITICAL_SECTORS = frozenset({"GOV", "MIL", "DIP", "LEG", "JUD", "COP", "SPY", "OPP", "REB", "NGO", "PTY", "LAB"})
#: Sectors that never make an event on their own: business, media,
#: education, religion. Civilians (CVL) act politically only by protesting.
PRIVATE_SECTORS = frozenset({"BUS", "MED", "EDU", "REL"})
#: Head nouns that name private parties even when a country modifies them
#: ("US steel producers welcomed the decision", "Japanese carmakers",
#: "India's captain threatened to quit": a national team's people are
#: sport, not the state).
PRIVATE_HEADS = words("""producer producers company companies firm firms maker makers manufacturer manufacturers
    carmaker carmakers investor investors shareholder shareholders bank banks lender lenders airline airlines
    carrier carriers retailer retailers exporter exporters importer importers business businesses
    consumer consumers fan fans supporter club clubs team teams player players shopper shoppers buyer buyers
    industry insurer insurers automaker automakers brand brands startup startups exchange exchanges bourse market
    markets stock stocks share shares corp inc ltd plc llc
    captain captains skipper coach coaches striker strikers goalkeeper midfielder athlete athletes cyclist cyclists
    swimmer swimmers gymnast gymnasts sprinter sprinters batsman batsmen bowler bowlers jockey squad squads""")
#: Sport people a nationality may qualify besides those above ("the Japanese
#: pitcher", "a Kenyan runner"): the country only says where they come from.
SPORT_PEOPLE = words("""pitcher pitchers forward forwards defender defenders winger wingers quarterback rider riders
    runner runners boxer boxers wrestler wrestlers sprinter champion champions medallist medalist golfer golfers
    skier skiers cricketer cricketers footballer footballers""")
#: Businesses by trade, a country before them or not ("Japan's largest
#: brewer", "the Indian conglomerate").
TRADES = words("""brewer brewers miner miners chipmaker chipmakers drugmaker drugmakers steelmaker steelmakers
    conglomerate conglomerates grocer grocers supermarket supermarkets utility utilities refiner refiners
    shipbuilder shipbuilders supplier suppliers distributor distributors developer developers""")
#: Words that make a body, a person or a competition sport: "Canada's Olympic
#: committee", "Spain's tennis federation", "the World Anti-Doping Agency",
#: "Italy's Serie A", "La Liga". A sport body's bans, deals and refusals are
#: sport (the guidelines' clubs and sport bodies), not the state's.
SPORT_QUALIFIERS = SPORTS | words("""sport sports olympic olympics paralympic paralympics anti-doping doping
    liga serie bundesliga fifa uefa ioc wada rusada usada iaaf fiba fina uci""")
#: Heads a sport word makes a sport body.
SPORT_BODIES = words("""committee committees federation federations association associations union unions league
    leagues body bodies agency agencies authority council board panel organisers organizers""")
#: The state's offices for sport stay the state: "Sports Minister Laura
#: Flessel", "the sports ministry".
SPORT_OFFICES = words("minister ministers ministry ministries secretary department government")
#: What a group does that makes it a company: "the German engineering group",
#: "a French luxury group", "the media group" (not "Human rights groups").
BUSINESS_WORDS = words("""engineering media luxury mining steel insurance chemicals chemical investment retail
    consulting energy utility utilities telecoms telecommunications food drinks beverage beverages pharmaceutical
    pharmaceuticals drugs industrial technology tech software hotel hotels travel shipping logistics car auto
    automotive aerospace banking financial finance fashion publishing entertainment construction property cement
    packaging tobacco brewing private-equity equity conglomerate""")
BUSINESS_COLLECTIVES = words("group groups conglomerate conglomerates")
#: What makes "demand" a market's, not a demand made: "stronger demand
#: from China", "weak consumer demand", "demand for chips".
MARKET_DEMAND = words("""strong stronger weak weaker high higher low lower rising falling slowing slow sluggish soft
    softer robust firm firmer global domestic consumer customer export import energy oil fuel power electricity
    housing seasonal pent-up weakening strengthening surging booming record""")
DEMANDED_GOODS = words("""product products goods chip chips semiconductor semiconductors car cars
    vehicle vehicles housing homes house houses gas energy power electricity service services credit loan loans
    steel copper food travel flights tickets""")
#: Why an office holder leaves that is no concession ("resigned, citing
#: health reasons", "stepped down for personal reasons").
PRIVATE_REASONS = words("health personal family medical")
#: Money released or disbursed: aid, not a concession (releasing prisoners).
FUNDS = words("""fund funds funding money cash tranche tranches loan loans grant grants euros dollars pounds
    million billion""")
#: What qualifies a target as a military one: "attacked rebel positions".
ENEMY_WORDS = words("rebel rebels enemy militant militants insurgent insurgents jihadist jihadists separatist")
#: What one "calls on" when drawing on it, not asking anyone.
RESOURCES = words("reserves reservists resources savings funds experience expertise support")
#: What rises and falls on a market: "chip stocks rallied" is no protest.
MARKET_WORDS = words("""stock stocks share shares market markets index indices bond bonds price prices currency
    currencies dollar euro yen pound rouble ruble yuan rupee peso oil gold futures equities""")
#: Head nouns of a phrase no actor record covers that still name a political
#: agent ("police", "gunmen", "the ministry").
AGENT_NOUNS = words("""police policeman policemen officer officers troops troop soldier soldiers forces force army
    military navy militia militiaman militiamen militant militants rebel rebels insurgent insurgents fighter
    fighters gunman gunmen jihadist jihadists guerrilla guerrillas authority authorities government ministry
    minister ministers official officials court courts judge judges prosecutor prosecutors parliament
    lawmakers legislators senate congress regime junta cabinet embassy diplomat diplomats envoy ambassador jury juries
    tribunal
    president premier chancellor governor mayor agents agency investigators regulator regulators coalition
    administration commission council party union unions protesters protestors demonstrators activists
    strikers rioters separatists paramilitaries paramilitary terrorists terrorist bomber bombers attackers
    assailants kidnappers hijackers pirates hackers guard guards coastguard marines sailors pilots jets
    warplanes drones warships leader leaders country countries nation nations state states governments allies
    delegation delegations delegates negotiators mediators envoys bloc alliance senators lawmaker legislator
    mps opposition ministries juntas side sides general generals commander commanders treasury""")
#: What a state or a meeting of states issues acts for it: "The decree
#: banned all political activity", "a joint declaration pledging to work for
#: free trade", "The summit also discussed greater use of local currencies".
STATE_ACTS = words("decree decrees declaration declarations resolution resolutions communique summit")
#: Politicians and campaigners named by what they are, not who: "Several
#: Republican presidential candidates criticised the ruling", "The ethics
#: commissioner opened an investigation", "Anti-doping campaigners welcomed
#: the ruling" (the guidelines' parties, candidates and NGOs).
POLITICIANS = words("""candidate candidates politician politicians commissioner commissioners campaigner campaigners
    activist parliamentarian parliamentarians senator congressman congresswoman congressmen councillor councillors
    councilor councilors peacekeeper peacekeepers challenger""")
#: Troops abroad by trade: no politicians of the country they act in.
PEACEKEEPERS = words("peacekeeper peacekeepers")
#: Members of a party named by the party ("Republicans argued", "condemned by
#: Republicans and Democrats alike"): capitalised only, so that "liberals" in
#: an opinion piece is no party.
PARTY_MEMBERS = words("republicans democrats socialists conservatives liberals greens tories communists")
#: Collective nouns that name an NGO, a movement or an armed group when a
#: cause qualifies them: "Human rights groups", "Aid groups", "Consumer
#: advocacy groups", "Student groups"; not "media groups" or "luxury groups"
#: (companies).
COLLECTIVES = words("group groups organisation organisations organization organizations coalition movement movements")
CAUSES = words("""rights aid advocacy environmental environmentalist activist campaign campaigning pressure humanitarian
    relief opposition pro-democracy democracy armed rebel militant extremist far-right far-left hardline jihadist
    islamist student civil civic anti-war anti-government anti-corruption watchdog""")
#: People named as members of a body ("284 members of the federal
#: parliament", "critics in the European Parliament"): political when the
#: body is.
MEMBER_NOUNS = words("member members critic critics representative representatives delegate delegates")
#: Words anywhere in an organisation's name that make it a party or a union
#: ("Party of Regions", "Nigeria Labour Congress", "United Auto Workers").
PARTY_NAME_WORDS = words("party workers labour labor congress")
#: The sector an agent noun implies, for the word-sense checks.
AGENT_SECTORS = {
    **dict.fromkeys(words("police policeman policemen officer officers investigators agents"), "COP"),
    **dict.fromkeys(words("""troop troops soldier soldiers force forces army military navy marines sailors pilots
        jets warplanes drones warships guard guards coastguard general generals commander commanders commando
        commandos paratrooper paratroopers"""), "MIL"),
    **dict.fromkeys(words("""militia militiaman militiamen militant militants rebel rebels insurgent insurgents
        fighter fighters gunman gunmen jihadist jihadists guerrilla guerrillas separatists paramilitaries
        paramilitary terrorists terrorist bomber bombers"""), "REB"),
    **dict.fromkeys(words("court courts judge judges prosecutor prosecutors jury juries tribunal"), "JUD"),
    **dict.fromkeys(words("""authority authorities government ministry minister ministers official officials
        regime junta cabinet administration president premier chancellor governor mayor leader leaders country
        countries nation nations state states governments ministries treasury"""), "GOV"),
}
#: Violence nouns that are military whoever is named ("an air strike").
MILITARY_VIOLENCE = words("""airstrike airstrikes air drone missile missiles rocket rockets shelling bombardment
    artillery barrage mortar mortars suicide bombing bombings ambush ambushes car-bomb grenade grenades""")
#: Victims that make a killing political violence ("56 civilians were
#: killed"), besides the political actors themselves.
VICTIMS = words("civilian civilians detainees")
#: Weapons of war: an attack made with one is no private crime ("a truck
#: packed with explosives", "two car bombs"). Not knives, guns or bullets.
ARMS = words("""explosive explosives bomb bombs car-bomb car-bombs rifle rifles grenade grenades missile missiles rocket
    rockets mortar mortars shell shells artillery rpg rpgs ied ieds""")
#: Civilians: political only as protesters, or as the targets of violence.
PROTESTERS = words("""protesters protestors demonstrators strikers rioters marchers picketers crowd crowds students
    workers supporters""")
#: The words of PROTESTERS that say the protest themselves: such people act
#: publicly whatever they do ("protesters called for a boycott").
PROTEST_NOUNS = words("protesters protestors demonstrators strikers rioters marchers picketers")

#: What troops, forces and weapons are: the objects a MOBILIZE trigger needs.
MILITARY_NOUNS = words("""troop troops soldier soldiers force forces army armies unit units battalion battalions
    brigade brigades division divisions regiment regiments reservist reservists reserve reserves conscript
    conscripts guard guardsmen marine marines paratrooper paratroopers commando commandos militia police
    policeman officers personnel tank tanks armour armor artillery missile missiles rocket rockets launcher
    launchers warship warships ship ships vessel vessels navy fleet carrier carriers destroyer destroyers
    frigate frigates submarine submarines jet jets fighter fighters aircraft warplane warplanes bomber bombers
    drone drones helicopter helicopters weapon weapons arms munition munitions ammunition battery batteries
    system systems s-400 patriot himars nuclear warhead warheads interceptor interceptors peacekeeper
    peacekeepers mission contingent contingents sailors pilot pilots""")
#: The armed forces named by a word MILITARY_NOUNS leaves out (it qualifies
#: aid and equipment too): "the military had been deployed".
ARMED = words("military militaries")
#: A security posture stepped up or tightened: a MOBILIZE of police power
#: (CAMEO 15) when an authority does it.
POSTURE = words("security patrol patrols presence")
#: States of readiness an army is put on ("raised its alert level").
READINESS = words("alert readiness standby footing")
#: Weapons that, as the subject of a verb of falling or striking, are an
#: attack ("volleys of shells rained down", "a missile hit the port").
WEAPON_NOUNS = words("""shell shells missile missiles rocket rockets bomb bombs mortar mortars grenade grenades drone
    drones artillery bullet bullets gunfire airstrike airstrikes strike strikes shelling barrage barrages
    volley volleys projectile projectiles munition munitions explosive explosives""")
IMPACT_VERBS = words("rain fall land hit strike slam pound explode crash tear rip hammer")
#: Causes of death that are no attack.
ACCIDENT_NOUNS = words("""car cars truck trucks lorry lorries bus buses train trains vehicle vehicles motorist
    driver crash crashes accident accidents collision collisions overdose overdoses disease illness cancer
    virus covid covid-19 flu infection stroke blaze flood floods flooding storm storms hurricane typhoon
    cyclone tornado earthquake quake avalanche landslide mudslide lightning heat heatwave drowning wave waves
    tsunami eruption wildfire wildfires motorcycle bike bicycle""")
#: Causes that, as a subject, are no attacker ("storms killed three"): not
#: vehicles, which may be armoured.
NATURAL_CAUSES = ACCIDENT_NOUNS - words("car cars truck trucks lorry lorries bus buses train trains vehicle vehicles "
                                        "motorist driver motorcycle bike bicycle")
#: What an attack on which is an accusation, not violence.
ABSTRACT_NOUNS = words("""proposal proposals plan plans policy policies idea ideas decision decisions remark remarks
    comment comments statement statements bill bills budget budgets record legislation law laws measure
    measures reform reforms stance position positions approach strategy strategies report reports claim
    claims speech speeches view views argument arguments rival rivals opponent opponents critic critics
    government's administration's handling response deal agreement programme program agenda move moves
    ruling rulings verdict campaign leadership performance credibility character""")
#: Means of crowd control: firing them at a crowd is policing (COERCE).
CROWD_CONTROL = words("tear gas teargas cannon cannons rubber pepper stun baton batons")
#: What a government suspends or blocks in censoring.
CENSORED = words("""internet access website websites twitter facebook youtube whatsapp telegram platform platforms
    broadcast broadcasts broadcaster newspaper newspapers channel channels service services network networks
    media signal""")
#: What police search.
PREMISES = words("""home homes house houses address addresses premises property properties office offices flat
    flats apartment apartments building buildings headquarters residence residences compound vehicle vehicles
    estate estates villa villas mansion mansions palace palaces""")
#: What one withdraws from in rejecting it.
TREATY_NOUNS = words("agreement treaty deal accord accords pact convention protocol compact")
#: What makes a duty a trade measure.
TRADE_WORDS = words("""import export customs anti-dumping antidumping dumping countervailing retaliatory punitive
    tariff""")  # ("dumping": the tokenizer splits "anti-dumping")
#: What police seize.
CONTRABAND = words("""firearm firearms gun guns rifle rifles pistol pistols weapon weapons ammunition explosive
    explosives drug drugs cocaine heroin cannabis methamphetamine fentanyl cash contraband""")
#: Agents that are state force or armed groups even in a sports report.
UNIFORMED = words("""police policeman policemen officer officers troop troops soldier soldiers army military gunman
    gunmen militant militants rebel rebels insurgent insurgents court courts judge judges prosecutor prosecutors""")
#: Verbs whose passive, in a warning, is a response to come: "would be
#: met with", "would be answered", "would be punished".
RETALIATING = words("meet answer punish avenge retaliate crush destroy annihilate obliterate eliminate")
#: What a state "will not" do to let a thing pass: "would not tolerate", "will not allow".
STANDING_FOR = words("tolerate allow accept permit")
#: Passives that call an act a cause for war: "any attempt would be treated as an act of war".
DEEMING = words("treat consider regard view deem see")
CASUS_BELLI = words("war aggression attack hostility hostilities belli")
#: A score line: sport, not fighting.
SCORE = re.compile(r"\b\d{1,2}\s?[-–]\s?\d{1,2}\b(?!\s?(?:year|month|day|week|vote))")
SPORT_WORDS = words("""match matches game games goal goals season league cup final finals semi-final tournament
    championship title club clubs team teams squad striker midfielder defender goalkeeper coach manager
    player players innings wicket wickets inning pitch stadium derby fixture race races lap podium medal
    medals olympic olympics set sets serve tennis football soccer cricket rugby basketball baseball hockey
    golf nba nfl fifa uefa premier""")


def head_lemma(token: Token) -> str:
    return token.lemma_.lower()


# People deported (CAMEO 174, COERCE), not diplomats or inspectors expelled (166, SANCTION).
DEPORTED = words("""migrant migrants refugee refugees immigrant immigrants national nationals citizen citizens
    people individual individuals foreigner foreigners resident residents asylum-seeker asylum-seekers seekers
    worker workers family families""")
# What a relief mission dispatches (AID, not MOBILIZE).
RELIEF = words("relief aid supplies rescue medical humanitarian doctors medics food")
# Declining to say something is no rejection: "declined to comment",
# "refused to confirm the report", "would not elaborate" (CAMEO 011, decline
# comment, a public statement; CAMEO2PLOVER codes none of CAMEO's 01 and 02
# roots). What is refused stays a REJECT ("refused to end their strike").
WITHHOLDING = words("decline refuse")
UNSAID = words("""comment speculate elaborate discuss confirm say respond answer disclose reveal specify detail
    identify name""")
# What is launched when an inquiry is (ACCUSE).
INQUIRIES = words("inquiry investigation probe")
# What is launched when talks are (CONSULT).
MEDIATION = words("mediation talks negotiations dialogue initiative")
# What is launched when a protest is (PROTEST).
PROTEST_WORDS = words("protest protests boycott demonstration demonstrations hunger")
# What makes a military shipment aid rather than a deployment.
AID_WORDS = words("aid assistance supply supplies peacekeeper peacekeepers")
# What is sent as support, not aid.
SYMPATHY = words("message messages condolence condolences congratulation congratulations sympathy")
# Trade and sanction measures imposed or tightened (SANCTION) ...
MEASURE_WORDS = words("sanction sanctions embargo duty duties controls")
# ... unlike curfews and lockdowns (COERCE).
LOCKDOWNS = words("curfew curfews lockdown")
# Whom an order to leave expels (SANCTION).
ENVOYS = words("diplomat diplomats ambassador envoy attaché attache")
#: Verbs that send envoys away when they say "to leave" ("ordered the diplomat to leave").
EXPELLING = words("order tell instruct")
#: Who is sent to talk (CONSULT, not AID): "sent a delegation to Addis Ababa".
DELEGATIONS = words("delegation delegations envoy envoys emissary emissaries negotiator negotiators mediator mediators")
# What a military strike hits (an ASSAULT, not a labour strike).
STRIKE_TARGETS = words("target targets position positions base bases site sites facility facilities camp camps")
# What is launched at someone: "launched missiles", "drones were launched at
# Israel", "launched an offensive".
LAUNCHED_ATTACKS = words("""missile missiles rocket rockets drone drones strike strikes airstrike airstrikes
    attack attacks offensive offensives raid raids assault assaults bombardment bombardments shell shells
    barrage barrages incursion invasion""")
# What space agencies launch: never an attack, whoever launches it.
SPACE_LAUNCHES = words("""satellite satellites spacecraft probe probes lander rover telescope capsule shuttle
    mission missions orbiter space""")


def _aimed(verb: Token, objects: list[Token]) -> bool:
    """A launch aimed at someone or somewhere: "at Israel", "into
    Ukraine", "against the base", "toward the border"."""
    return any(c.dep_ == "prep" and c.lower_ in ("at", "into", "against", "toward", "towards", "on", "across")
               and any(g.dep_ == "pobj" and g.ent_type_ not in ("DATE", "TIME") for g in c.children)
               for t in [verb, *objects] for c in t.children)  # not "on Wednesday"


# Who is let in when a side allows access: inspectors, monitors, aid.
ACCESS_GRANTED = words("""inspector inspectors monitor monitors observer observers aid convoy convoys
    journalist journalists investigators investigator team teams humanitarian""")

# Verbs of carrying or handing goods that are aid only when arms, relief or
# money go to a state or a people ("handed Ukraine four MiG-29 fighter jets",
# "flew 20 tonnes of medical aid to Kabul", "rushed tents and medicines to
# Nepal", "lent Nigeria $500 million"); otherwise no event ("transferred the
# striker", "flew to Beijing", "rushed to the scene").
TRANSFER_VERBS = words("transfer hand fly rush lend gift")
# Arms a state hands to another (military aid), besides the weapons of an
# attack (``ARMS``, ``WEAPON_NOUNS``).
WAR_MATERIEL = words("""weapon weapons arms tank tanks jet jets aircraft fighter fighters warplane warplanes
    helicopter helicopters munition munitions ammunition air-defence air-defense""")
# What such a transfer gives when it is aid: arms, relief and money.
GIVEN_GOODS = ARMS | WEAPON_NOUNS | RELIEF | AID_WORDS | FUNDS | WAR_MATERIEL | words("""rounds launcher launchers
    defence defense medicine medicines vaccine vaccines tent tents blanket blankets""")
# Wanted people handed to another state or a court (COOPERATE, as an extradition).
HANDED_PEOPLE = words("suspect suspects fugitive fugitives")
# Captives handed over are released (CONCEDE).
HANDED_CAPTIVES = words("hostage hostages prisoner prisoners captive captives detainee detainees")
# What a state blocks when it vetoes (REJECT): a decision, a text or a bid;
# protesters block roads and ports (PROTEST obstruct).
BLOCKED_ACTS = words("""statement statements resolution resolutions decision decisions bid bids deal deals package
    packages membership accession appointment nomination proposal proposals law laws bill bills pact treaty
    sanctions declaration communique""")
# Restrictions whose end is a concession (PLOVER CONCEDE: easing political or
# economic restrictions): "revoked the state of emergency", "scrapped its
# quarantine requirement", "repealed the curfew". A ban is left out: "annulled
# the ban" is most often a court's REJECT of it.
RESTRICTIONS = words("""curfew curfews lockdown lockdowns emergency restriction restrictions blockade blockades
    siege quarantine sanction sanctions embargo martial""")
# Verbs that end such a restriction, beyond the lexicon's "lift" and "ease".
ENDING = words("revoke scrap repeal abolish rescind")
# What a government drops when it gives in to protest: a law, a bill, a tax or
# a plan ("repealed three farm laws after a year of protests"), told as a
# concession only with the pressure named in the sentence.
MEASURES_DROPPED = words("""law laws bill bills tax taxes hike hikes increase increases cut cuts reform reforms
    plan plans project projects decree decrees subsidy""")
PRESSURE = words("""protest protests protesters demonstration demonstrations outcry backlash pressure revolt
    unrest strike strikes uproar opposition""")


def _objects(verb: Token) -> list[Token]:
    """What a verb acts on: its objects (and their conjuncts), the subject
    of a passive, and a preposition's object after an intransitive use."""
    out = []
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass", "attr", "oprd"):
            out += [child, *child.conjuncts]
    return out


#: Time given to leave: an expulsion of envoys ("gave Iranian diplomats 48
#: hours to leave the kingdom").
TIME_TO_LEAVE = words("hour hours day days week weeks")
LEAVING = words("leave depart quit go")


def _given_to_leave(verb: Token, objects: list[Token]) -> str | None:
    """The type of "gave X hours to leave" however the parser hangs the
    hours ("gave Iranian diplomats 48 hours to leave", "gave the Canadian
    envoy, Dennis Horak, 24 hours to leave"): SANCTION when envoys are told
    to go, else None (no aid given); "-" when the verb gives something
    else."""
    below = list(verb.subtree)
    deadline = next((t for t in below if head_lemma(t) in TIME_TO_LEAVE and t.pos_ == "NOUN"), None)
    if deadline is None or not any(head_lemma(t) in LEAVING and t.i > deadline.i and t.dep_ in (
            "advcl", "relcl", "acl", "xcomp") and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)
                                   for t in below):
        return "-"
    given = [c for c in verb.children if c.dep_ in ("dative", "nsubjpass", "dobj") and c is not deadline]
    told = {w for g in given for t in (g, *g.children) if t.dep_ in ("dative", "nsubjpass", "dobj", "appos", "amod",
                                                                   "compound") for w in (t.lower_, head_lemma(t))}
    # Anyone else given hours to leave is most often evacuated ("residents were
    # given two hours to leave their homes"): no event (as Finder._word_sense reads it).
    return "SANCTION" if told & ENVOYS else None


def _antecedent(subject: Token) -> Token:
    """The noun a relative pronoun subject stands for ("French troops, who
    left the country"), else the subject itself."""
    if subject.lower_ in ("who", "which", "that") and subject.head.dep_ == "relcl":
        return subject.head.head
    return subject


def phrase_words(token: Token) -> set[str]:
    """The head and its compound or adjective modifiers, lower case, with
    the head's lemma ("naval vessels", "S-400 systems")."""
    out = {token.lower_, head_lemma(token)}
    for child in token.children:
        if child.dep_ in ("compound", "amod", "nmod", "nummod") or child.dep_ == "prep" and child.lower_ == "of":
            out.add(child.lower_)
            out.add(head_lemma(child))
            if child.dep_ == "prep":  # "a battalion of troops", "thousands of soldiers"
                for g in child.children:
                    if g.dep_ == "pobj":
                        out |= {g.lower_, head_lemma(g)}
    return out


def sense(token: Token, type_: str, actor_sectors: set[str]) -> str | None:
    """The trigger's type in this sentence: ``type_`` when the words it
    governs fit it, another type where they say so ("attacked a proposal"
    → ACCUSE), None when it is no event in this sense."""
    lemma = head_lemma(token)
    sent = token.sent
    if token.pos_ == "VERB":
        objects = _objects(token)
        if type_ == "REJECT" and lemma in WITHHOLDING and any(
                c.dep_ == "xcomp" and c.lemma_.lower() in UNSAID for c in token.children):
            return None  # "declined to comment": CAMEO 011, a statement PLOVER does not code
        if type_ == "ASSAULT" and lemma in ("fire", "shoot") and any(
                c.dep_ == "prep" and c.lower_ in ("into", "in") and any(
                    g.dep_ == "pobj" and g.lower_ == "air" for g in c.children)
                for c in token.children):
            return None  # "soldiers fired their rifles into the air" to celebrate or warn: no one attacked
        if type_ == "AID" and lemma in TRANSFER_VERBS:
            return _transfer(token, objects)
        if lemma in ENDING or lemma == "withdraw" and type_ == "RETREAT":
            ended = _ended(token, objects, lemma, type_)
            if ended != "-":
                return ended
        if type_ == "MOBILIZE":
            # Troops, forces, weapons (or the military acting with no object
            # named: "the army mobilised"; "reinforced the border with troops").
            objects += [g for c in token.children if c.dep_ == "prep" and c.lower_ == "with"
                        for g in c.children if g.dep_ == "pobj"]
            subjects = [_antecedent(c) for c in token.children if c.dep_ == "nsubj"]
            if any(phrase_words(o) & (MILITARY_NOUNS | READINESS) or head_lemma(o) in ARMED for o in objects):
                return type_  # "the military had been deployed"
            if not objects and any(phrase_words(s_) & MILITARY_NOUNS for s_ in subjects):
                return type_
            if not objects and actor_sectors & {"MIL", "COP", "GOV"}:
                return type_
            if any(head_lemma(o) in POSTURE for o in objects) and actor_sectors & {"MIL", "COP", "GOV"}:
                return type_  # "officials said they had stepped up security on the border"
            return None
        if lemma in ("expel", "deport") and type_ == "SANCTION" and objects and any(
                phrase_words(o) & DEPORTED
                for o in objects):
            # "expelling undocumented Afghan migrants": deporting people (CAMEO
            # 174), not expelling diplomats or inspectors (166, SANCTION)
            return "COERCE"
        if type_ == "MOBILIZE" and lemma in ("dispatch", "send", "deploy") and any(
                phrase_words(o) & RELIEF
                for o in objects):
            return "AID"  # "dispatched search-and-rescue teams and relief supplies to Turkey"
        if lemma == "launch":
            # "missiles were launched at Israel", "launched strikes", "launched
            # an inquiry"; a product, a campaign or a website is no event.
            said = set().union(*(phrase_words(o) for o in objects)) if objects else set()
            if said & SPACE_LAUNCHES or "rocket" in said and not _aimed(token, objects):
                return None  # "NASA launched the Artemis rocket", "launched a satellite": no attack
            if said & LAUNCHED_ATTACKS:
                return "ASSAULT"
            if said & INQUIRIES:
                return "ACCUSE"
            if said & MEDIATION:
                return "CONSULT"  # "launched a mediation effort"
            if said & PROTEST_WORDS:
                return "PROTEST"  # "launched a hunger strike", "a boycott"
            return None
        if lemma == "leave" and type_ == "RETREAT":
            # "its last troops had left Mali", "French troops, who left the
            # country by the end of the year": forces leaving a country
            subjects = [_antecedent(c) for c in token.children if c.dep_ == "nsubj"]
            if any(phrase_words(s_) & MILITARY_NOUNS for s_ in subjects) and any(
                    o.ent_type_ in ("GPE", "LOC") or head_lemma(o) in words("country territory") for o in objects):
                return type_
            return None
        if lemma == "give" and (expelled := _given_to_leave(token, objects)) != "-":
            return expelled
        if lemma == "let" and type_ == "RETREAT":
            # "let IAEA inspectors into the plant": allowing access
            if any(phrase_words(o) & ACCESS_GRANTED for o in token.subtree if o.dep_ in ("dobj", "nsubj", "ccomp")
                   or o.head == token) and any(t.lower_ == "into" for t in token.subtree):
                return type_
            return None
        if type_ in ("AID", "MOBILIZE") and lemma in ("send", "dispatch") and any(
                head_lemma(o) in DELEGATIONS for o in objects):
            # "sent a delegation to Addis Ababa", "dispatched an envoy to Moscow":
            # a visit to talk (CAMEO 04x, PLOVER CONSULT visit), not aid
            return "CONSULT"
        if type_ == "AID" and lemma in ("send", "dispatch") and objects:
            # "sent warships close to Chinese-held reefs": a deployment, not aid
            # (unless sent to help); "sent messages of sympathy": support.
            said = set().union(*(phrase_words(o) for o in objects))
            # Sent to someone ("sending Taurus missiles to Ukraine") or to help:
            # military aid. Sent somewhere near ("close to the reefs"): a deployment.
            helping = any(c.dep_ in ("xcomp", "advcl") and head_lemma(c) in ("help", "support", "assist", "protect")
                          for c in token.children) or any(
                c.dep_ in ("prep", "dative") and c.lower_ == "to" and any(
                    g.dep_ == "pobj" and g.ent_type_ in ("GPE", "NORP", "ORG") for g in c.children)
                for c in token.children)
            # Relief carried anywhere in the object ("military aircraft carrying relief
            # supplies") makes it aid; "dispatched an aircraft carrier" a deployment.
            carried = {t.lower_ for o in objects for t in o.subtree}
            if said & MILITARY_NOUNS and not (said | carried) & AID_WORDS \
                    and not helping:
                return "MOBILIZE"
            if said & SYMPATHY:
                return "SUPPORT"
        if type_ in ("COERCE", "THREATEN") and lemma in ("impose", "tighten", "slap", "raise") and any(
                phrase_words(o) & (TRADE_WORDS | MEASURE_WORDS)
                and not phrase_words(o) & LOCKDOWNS for o in objects):
            return "SANCTION"  # "tightened controls on exports to South Korea", "imposed tariffs"
        if type_ in ("REQUEST", "CONSULT") and lemma in EXPELLING and any(
                phrase_words(o) & ENVOYS
                for o in objects) and any(c.dep_ == "xcomp" and head_lemma(c) in ("leave", "depart", "quit")
                                          for c in token.children):
            # "ordered a senior Canadian diplomat to leave", "told the ambassador
            # to leave" (where CAMEO reads "tell" as a consultation): an expulsion
            return "SANCTION"
        if type_ == "THREATEN" and lemma == "apply" and any(
                c.dep_ == "prep" and c.lower_ == "to" and any(
                    g.dep_ == "pobj" and head_lemma(g) in ("court", "tribunal") for g in c.children)
                for c in token.children):
            # "applied to the high court to suspend his arrest": a petition
            # (PLOVER REQUEST), not CAMEO 1322's threat of a ban
            return "REQUEST"
        if type_ == "CONSULT" and lemma in ("gather", "assemble", "converge", "mass") and any(
                c.dep_ == "nsubj" and phrase_words(c) & PROTESTERS for c in token.children):
            return "PROTEST"  # "thousands of protesters gathered on the square" meet no one
        if type_ == "ASSAULT":
            if (lemma in ("retaliate", "respond") or lemma == "hit" and any(
                    c.dep_ == "prt" and c.lower_ == "back" for c in token.children)) and any(
                    c.dep_ == "prep" and c.lower_ == "with" and any(
                        g.dep_ == "pobj" and phrase_words(g) & (TRADE_WORDS | MEASURE_WORDS) for g in c.children)
                    for c in token.children):
                # "China retaliated with higher tariffs on US goods": trade war
                # news's usual retaliation is a measure (SANCTION), not a strike
                return "SANCTION"
            if lemma in ("attack", "hit", "slam", "blast", "strike", "target", "fire") and objects and all(
                    head_lemma(o) in ABSTRACT_NOUNS or o.lower_ in ABSTRACT_NOUNS for o in objects) and not any(
                    head_lemma(o) in STRIKE_TARGETS and phrase_words(o) & (ENEMY_WORDS | MILITARY_NOUNS)
                    for o in objects):
                # "attacked his rival's proposal" (not "attacked rebel positions")
                return "ACCUSE"
            if lemma in ("attack", "slam", "blast") and objects and any(
                    c.dep_ == "prep" and c.lower_ == "for" and any(g.tag_ == "VBG" or g.dep_ == "pcomp"
                                                                 for g in c.children) for c in token.children):
                return "ACCUSE"  # "attacked the Fed for raising rates": blamed for something done
            if lemma in ("attack", "slam", "blast", "hit", "lash") and _in_words(token):
                return "ACCUSE"  # "attacked the media in a late-night post, calling reporters …"
            if any(c.dep_ == "prt" and c.lower_ == "out" for c in token.children) and lemma in ("hit", "lash"):
                return "ACCUSE"  # "hit out at"
            if lemma in ("respond", "reply") and not any(c.dep_ == "prep" and c.lower_ == "with"
                                                         for c in token.children) and (
                    any(c.dep_ == "neg" for c in token.children)
                    or token.dep_ == "xcomp" and head_lemma(token.head) in ("fail", "refuse", "decline")):
                return None  # "Algeria did not respond to the overture": no reply, let alone a retaliation
            if _accidental(token):
                return None
            if lemma in ("beat", "defeat", "fight", "shoot", "strike") and _sporty(sent):
                return None
        if type_ == "RETREAT" and lemma in ("withdraw", "pull", "exit", "quit") and any(
                c.dep_ == "prep" and c.lower_ in ("from", "out") and any(
                    g.dep_ == "pobj" and head_lemma(g) in TREATY_NOUNS for g in c.subtree) for c in token.children):
            return "REJECT"  # "would withdraw from the Paris agreement": leaving a treaty rejects it
        if type_ == "PROTEST" and any(c.dep_ in ("xcomp", "advcl") and head_lemma(c) in ("celebrate", "cheer", "party")
                                      for c in token.children):
            return None  # "people took to the streets to celebrate"
        if type_ == "REQUEST" and lemma == "call" and any(c.lower_ == "on" for c in token.children) \
                and not any(c.dep_ in ("xcomp", "ccomp") for c in token.children) and any(
                    phrase_words(g) & (MILITARY_NOUNS | RESOURCES) for c in token.children
                    for g in ([c] if c.dep_ == "dobj" else [g for g in c.children if g.dep_ == "pobj"]
                              if c.dep_ == "prep" else [])):
            # "can call on about 280,000 wartime troops": draws on them, asks no one to do
            # anything ("called on the army to restore order" does)
            return None
        if type_ == "PROTEST" and lemma == "rally" and any(
                c.dep_ == "nsubj" and phrase_words(c) & MARKET_WORDS for c in token.children):
            return None  # "chip stocks also rallied", "the dollar rallied"
        if lemma == "storm" and not objects:
            return None  # "stormed to victory", "stormed out": a place is stormed
        if type_ == "PROTEST" and lemma == "storm" and actor_sectors & {"MIL", "COP", "REB"}:
            return "ASSAULT"  # troops or gunmen storm a building; protesters riot
        if type_ == "ASSAULT" and lemma in ("fire", "use", "deploy", "spray") and any(
                phrase_words(o) & CROWD_CONTROL for o in objects):
            return "COERCE"  # "fired tear gas at protesters": policing a crowd
        if type_ == "SANCTION" and lemma in ("suspend", "block", "cut", "shut") and any(
                phrase_words(o) & CENSORED for o in objects):
            return "COERCE"  # "suspended mobile internet services", "blocked access to Twitter": censorship
        if type_ == "PROTEST" and lemma == "block" and any(phrase_words(o) & CENSORED for o in objects):
            return "COERCE"
        if type_ == "PROTEST" and lemma == "block" and any(head_lemma(o) in BLOCKED_ACTS for o in objects):
            return "REJECT"  # "blocked an EU statement", "blocked Sweden's bid": a veto, not a road blocked
        if lemma == "execute" and not any(head_lemma(o) not in words(
                "warrant order plan strategy trade contract deal transaction search move manoeuvre maneuver")
                                          for o in objects):
            return None  # "executed a search warrant" (the warrant is the event), "executed a trade"
        if lemma == "search" and not (any(phrase_words(o) & PREMISES for o in objects)
                                      or actor_sectors & {"COP", "MIL", "SPY", "JUD"}):
            return None  # "searched for survivors", "searched the web"
        if type_ == "THREATEN" and lemma == "warn":
            return "THREATEN" if _warns_of_act(token) else None
        if lemma == "recover" and not any(phrase_words(o) & CONTRABAND for o in objects):
            return None  # police recover firearms; markets recover losses
        if lemma == "send" and any(c.dep_ == "prt" and c.lower_ == "off" for c in token.children):
            return None  # "was sent off": a red card
        if lemma == "send" and any(c.lower_ == "home" and c.dep_ in ("advmod", "npadvmod", "dobj", "prt")
                                   for c in token.children):
            return None  # "the jury was sent home for the day", "pupils were sent home"
        if type_ in ("CONCEDE", "RETREAT") and lemma in ("resign", "quit", "retire", "step") and any(
                head_lemma(t) == "reason" and phrase_words(t) & PRIVATE_REASONS for t in token.subtree):
            return None  # "resigned, citing health reasons": no one made them give in
        if type_ == "CONCEDE" and lemma in ("release", "disburse", "unlock", "free") and any(
                phrase_words(o) & (FUNDS | RELIEF | AID_WORDS) or o.tag_ == "$" for o in objects):
            return "AID"  # "released 10 million euros in humanitarian aid" (not prisoners)
        if type_ == "ACCUSE" and lemma in ("accuse", "suspect") and token.dep_ == "acl" and token.tag_ == "VBN" \
                and not any(c.dep_ == "agent" for c in token.children):
            return None  # "sanctions on three officials accused of abuses": who they are, not an accusation made
        if type_ == "CONSULT" and lemma in ("meet", "face", "play", "host") and _sport_meeting(token):
            return None  # "England will meet Spain in the final", "The two sides meet again in Dublin"
    else:
        if type_ == "ASSAULT" and _sporty(sent) and lemma in ("attack", "clash", "fight", "fighting", "offensive"):
            return None
        if type_ == "PROTEST" and lemma == "strike" and (_sporty(sent) or phrase_words(token) & ACCIDENT_NOUNS):
            return None  # "his late strike sealed a 2-1 win", "a lightning strike"
        if type_ == "PROTEST" and lemma == "strike" and phrase_words(token) & words(
                "air drone missile rocket military artillery precision retaliatory pre-emptive preemptive"):
            return "ASSAULT"  # "an air strike", "drone strikes"
        if type_ == "PROTEST" and lemma == "strike" and (
                token.head.lemma_.lower() in ("launch", "conduct", "carry", "order") and token.dep_ == "dobj"
                or any(c.dep_ == "prep" and c.lower_ in ("on", "against") and any(
                    g.dep_ == "pobj" and head_lemma(g) in STRIKE_TARGETS
                    for g in c.children) for c in token.children)):
            return "ASSAULT"  # "launched strikes on Houthi targets": workers strike, they do not launch
        if type_ == "ASSAULT" and _accidental(token):
            return None
        if lemma == "duty" and not (token.lower_ == "duties" and any(
                c.dep_ == "prep" and c.lower_ == "on" for c in token.children)
                or phrase_words(token) & TRADE_WORDS):
            return None  # "on duty", "a duty of care"
        if type_ == "REQUEST" and lemma == "demand" and (phrase_words(token) & MARKET_DEMAND or any(
                c.dep_ == "prep" and c.lower_ == "for" and any(
                    g.dep_ == "pobj" and phrase_words(g) & (DEMANDED_GOODS | MARKET_WORDS) for g in c.children)
                for c in token.children)):
            return None  # "hopes of stronger demand from China", "demand for chips": a market's
        if lemma == "warrant" and not phrase_words(token) & words("search arrest"):
            return None
        if lemma == "search" and not (phrase_words(token) & words("warrant warrants house home premises property")
                                      or actor_sectors & {"COP", "MIL", "SPY", "JUD"}):
            return None  # "the search for survivors"
    return type_


def _transfer(verb: Token, objects: list[Token]) -> str | None:
    """A verb of carrying or handing (``TRANSFER_VERBS``): AID when arms,
    relief or money go to someone named (a state, a people, an
    organisation: "to Ukraine", "handed Ukraine …"); a MOBILIZE when troops
    are rushed or flown ("rushed troops to the border", as CAMEO codes it);
    otherwise no event."""
    carried = {t.lower_ for o in objects for t in o.subtree} | {
        head_lemma(t) for o in objects for t in o.subtree}
    money = any(t.tag_ == "$" or t.ent_type_ == "MONEY" for o in objects for t in o.subtree)
    given = bool(carried & GIVEN_GOODS) or money
    # The receiver: an indirect object named ("lent Nigeria $500 million"), or
    # "to" a named state or body, said of the verb or of what it carries
    # ("transferred a million rounds … to Ukraine's armed forces").
    to_someone = any(c.dep_ == "dative" and (c.ent_type_ in ("GPE", "NORP", "ORG") or c.pos_ == "PROPN")
                     for c in verb.children) or any(
        c.dep_ in ("prep", "dative") and c.lower_ == "to" and any(
            t.ent_type_ in ("GPE", "NORP", "ORG") for g in c.children if g.dep_ == "pobj" for t in g.subtree)
        for c in [*verb.children, *(c for o in objects for c in o.children)])
    if given and to_someone:
        return "AID"
    if head_lemma(verb) == "hand" and to_someone and any(phrase_words(o) & HANDED_CAPTIVES for o in objects):
        return "CONCEDE"  # "handed four hostages to the Red Cross": a release
    if head_lemma(verb) == "hand" and to_someone and any(
            o.ent_type_ == "PERSON" or head_lemma(o) in HANDED_PEOPLE for o in objects):
        return "COOPERATE"  # "handed Rodrigo Duterte to the International Criminal Court": a transfer for trial
    if head_lemma(verb) in ("rush", "fly") and any(phrase_words(o) & MILITARY_NOUNS for o in objects) \
            and not carried & (RELIEF | AID_WORDS):
        return "MOBILIZE"
    return None


def _under_pressure(verb: Token) -> bool:
    """The verb's clause names the pressure it gives in to: "after weeks of
    mass protests", "amid a public outcry", "after protests spread to
    Almaty"."""
    for c in verb.children:
        cause = c.dep_ == "prep" and c.lower_ in ("after", "following", "amid", "under", "facing") \
            or c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("after", "as") for m in c.children)
        if cause and {t.lower_ for t in c.subtree} & PRESSURE:
            return True
    return False


def _ended(verb: Token, objects: list[Token], lemma: str, type_: str) -> str | None:
    """A verb that ends something (``ENDING``, and "withdraw"): a CONCEDE
    when what ends is a restriction ("revoked the state of emergency") or,
    with the pressure named, a law, bill, tax or plan ("scrapped a lithium
    mining project after weeks of mass protests"); a cancelled visit or
    talks is a SANCTION (CAMEO 16). "-" leaves the type as it is (the
    lexicon's own words), None is no event (a new word in another sense:
    "scrapped the old fleet")."""
    said = set().union(*(phrase_words(o) for o in objects)) if objects else set()
    if said & RESTRICTIONS:
        return "CONCEDE"
    if said & MEASURES_DROPPED and _under_pressure(verb):
        return "CONCEDE"
    if type_ != "CONCEDE" or lemma not in ENDING:
        return "-"  # "withdrew its troops", "annulled the election": the lexicon's sense
    if lemma == "scrap" and {head_lemma(o) for o in objects} & words("visit trip talks meeting summit"):
        return "SANCTION"
    return None

#: Where words are said: an attack made in one is an accusation.
SAID_IN = words("""post posts tweet tweets speech speeches interview interviews statement statements article op-ed
    editorial column letter message video address remarks podcast broadcast rally debate""")
#: What an attacker does in words while attacking: "attacked the media,
#: calling reporters enemies of the people".
SAYING_WHILE = words("call describe label brand dismiss")


def _in_words(verb: Token) -> bool:
    """Whether an attack is made in words: in a post, a speech or an
    interview, or while calling someone something."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "during", "on", "via") and any(
                g.dep_ == "pobj" and (g.lower_ in SAID_IN or head_lemma(g) in SAID_IN) for g in child.children):
            return True
        if child.dep_ in ("advcl", "xcomp") and child.tag_ == "VBG" and head_lemma(child) in SAYING_WHILE:
            return True
    return False


def _accidental(token: Token) -> bool:
    """A death or injury by an accident, illness or nature: "killed by a
    car", "died in a crash", "storms killed three"."""
    node = token if token.pos_ == "VERB" else token.head

    def cause(t: Token) -> bool:
        # The head noun decides: "a car" is an accident, "a car bomb" is not;
        # "a heart attack" is illness.
        return head_lemma(t) in ACCIDENT_NOUNS or t.lower_ in ACCIDENT_NOUNS or head_lemma(t) == "attack" and any(
            c.lower_ == "heart" for c in t.children)
    for child in node.children:
        if child.dep_ in ("nsubj", "csubj") and (head_lemma(child) in NATURAL_CAUSES or cause(child) and any(
                c.dep_ == "compound" and c.lower_ == "heart" for c in child.children)):
            return True
        if child.dep_ in ("agent", "prep") and child.lower_ in ("by", "in", "from", "after", "during", "of"):
            for g in child.children:
                if g.dep_ == "pobj" and cause(g):
                    return True
    return False


def _sporty(sent: Span) -> bool:
    """A score line with a sport word, or two sport words."""
    text = sent.text
    lower = {w.strip(".,;:'\"()").lower().removesuffix("'s").removesuffix("\u2019s") for w in text.split()}
    return bool(SCORE.search(text)) and bool(lower & SPORT_WORDS) or len(lower & SPORT_WORDS) >= 2


#: Where two teams meet: "in the final", "at Wembley" is a name (not read).
MEETING_GROUNDS = SPORT_WORDS | words("test semi-final semi-finals quarter-final quarter-finals play-off play-offs")
#: Who meets in a match: "the two sides", "the teams".
MATCH_SIDES = words("side sides team teams")


def _sport_meeting(verb: Token) -> bool:
    """A match, not a meeting: two sides that meet in a final, a match or a
    Test; or sides, teams or countries (as national teams) meeting in a
    sentence after sport: "The two sides meet again in Dublin" after a
    report of a rugby match. Not when the sentence names a politician or an
    official."""
    if any(c.dep_ == "prep" and any(g.dep_ == "pobj" and (g.lower_ in MEETING_GROUNDS or head_lemma(g) in
                                                        MEETING_GROUNDS) for g in c.children)
           for c in verb.children):
        return True
    sent = verb.sent
    if any(t.lower_ in AGENT_NOUNS - MATCH_SIDES or t.lower_ in POLITICIANS for t in sent):
        return False
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subjects or not all(s_.lower_ in MATCH_SIDES or s_.ent_type_ in ("GPE", "NORP") for s_ in subjects):
        return False
    doc = verb.doc
    before = doc[max(0, sent.start - 60):sent.start]
    return _sporty(sent) or bool(len(before)) and _sporty(before)


def _warns_of_act(token: Token) -> bool:
    """A warning is a threat when the warner says what they will do ("warned
    it would retaliate", "warned Moscow of consequences", "warned of a
    military response", "warned that India would not tolerate …", "warned
    of more attacks if it did not"), not when it forecasts ("warned of
    delays", "warned that prices could rise", "warned of possible attacks
    over the holidays")."""
    conditional = any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless")
                                                 for m in c.children) for c in token.children)
    for child in _warned_clauses(token):
        subject = next((c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        auxes = {c.lower_ for c in child.children if c.dep_ == "aux"}
        own = subject is not None and (subject.lower_ in ("it", "we", "they", "he", "she", "i")
                                       or subject.lower_ == "us" and subject.pos_ == "PRON")
        if own and auxes & {"would", "will", "could", "'ll", "might", "may"}:
            return True
        if subject is not None and auxes & {"would", "will", "'ll"} and head_lemma(child) in ACTING and (
                _own_forces(subject) or subject.ent_type_ in ("GPE", "NORP") and _conditional(child)):
            # "warned that its troops would move to protect civilians if …",
            # "warned that the United States would act again if necessary"
            return True
        if any(_retribution_awaits(clause) for clause in (child, *child.conjuncts)):
            return True  # "warned that 'harsh revenge awaits the criminals'"
        if any({c.lower_ for c in clause.children if c.dep_ == "aux"} & {"would", "will", "'ll"}
               and (_retaliation(clause) or _will_not_stand(clause)) for clause in (child, *child.conjuncts)):
            return True  # "warned that any attack would be answered", "that Seoul would pay dearly"
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "about"):
            for g in child.children:
                if g.dep_ == "pobj" and phrase_words(g) & words(
                        "retaliation retaliatory response consequences action sanctions force measures war strikes"):
                    return True
                if g.dep_ == "pobj" and conditional and phrase_words(g) & words("attack attacks strike violence"):
                    return True  # "warned of more attacks if it did not": what it will do unless obeyed
        if child.dep_ == "dobj" and child.ent_type_ in ("GPE", "NORP", "ORG"):
            return True  # "warned Moscow …"
    return False


#: What a warner says its side will do: act, not happen ("its troops would
#: move", "the United States would act again if necessary").
ACTING = words("act move respond retaliate strike hit intervene attack punish react")
#: Retribution named as what awaits or is faced: "harsh revenge awaits",
#: "anyone involved would face severe consequences".
RETRIBUTION = words("revenge retaliation retribution punishment consequences consequence reprisal reprisals")
#: How one is "dealt with" when punished: "would be dealt with severely".
HARSHLY = words("severely harshly firmly decisively sternly ruthlessly mercilessly")


def _conditional(verb: Token) -> bool:
    """A clause with a condition: "… if necessary", "… unless it stops"."""
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
               or c.dep_ in ("advmod", "advcl") and c.lower_ in ("if", "unless") for c in verb.subtree)


def _own_forces(subject: Token) -> bool:
    """"its troops", "our forces": the warner's own armed forces."""
    return bool(phrase_words(subject) & MILITARY_NOUNS) and any(
        c.dep_ == "poss" and c.lower_ in ("its", "our", "their") for c in subject.children)


def _retribution_awaits(verb: Token) -> bool:
    """Retribution said to come for someone: "harsh revenge awaits the
    criminals", "anyone involved would face severe consequences", "anyone
    who resisted would be dealt with severely"."""
    lemma = head_lemma(verb)
    if any(c.dep_ == "nsubj" and head_lemma(c) in RETRIBUTION for c in verb.children) and lemma in words(
            "await come follow"):
        return True
    will = any(c.dep_ == "aux" and c.lower_ in ("would", "will", "'ll") for c in verb.children)
    if will and lemma == "face" and any(c.dep_ == "dobj" and head_lemma(c) in RETRIBUTION for c in verb.children):
        return True
    # (the parser may hang the adverb on "with")
    return will and lemma == "deal" and any(c.dep_ == "auxpass" for c in verb.children) and any(
        t.lower_ in HARSHLY for t in verb.subtree if t.head == verb or t.head.head == verb)


def _warned_clauses(token: Token) -> list[Token]:
    """What a warning says: its clausal complements, and a "that" clause
    the parser hung on a noun of the warning ("had warned for weeks that
    the United States would pay the price": an acl of "weeks")."""
    clauses = [c for c in token.children if c.dep_ in ("ccomp", "xcomp")]
    for prep in token.children:
        if prep.dep_ == "prep":
            clauses += [a for o in prep.children if o.dep_ == "pobj" for a in o.children
                        if a.dep_ == "acl" and any(m.dep_ == "mark" and m.lower_ == "that" for m in a.children)]
    return clauses


def _will_not_stand(verb: Token) -> bool:
    """A state that "would not tolerate" or "will not allow" something: the
    warner's country refusing to let it pass, a threat whoever speaks for it
    ("warned that India would not tolerate the use of its neighbours'
    territory"). People, markets or voters who would not accept something
    are forecast, not threatened."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return head_lemma(verb) in STANDING_FOR and any(c.dep_ == "neg" for c in verb.children) \
        and subject is not None and subject.ent_type_ == "GPE"


def _retaliation(verb: Token) -> bool:
    """A clause that says a response will come, whoever is its subject:
    "any punishment would be met with all-out war", "provocations would be
    answered", "any demonstration would be punished", "the United States
    would pay the price" (a forecast of prices or delays is none)."""
    lemma = head_lemma(verb)
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    if passive and lemma in RETALIATING:
        return True
    if passive and lemma in DEEMING and any(
            c.dep_ == "prep" and c.lower_ == "as" and any(t.lower_ in CASUS_BELLI for t in c.subtree)
            for c in verb.children):
        return True  # "would be treated as an act of war", "considered a declaration of war"
    return lemma == "pay" and any(c.dep_ == "dobj" and head_lemma(c) == "price"
                                  or c.dep_ == "advmod" and c.lower_ == "dearly" for c in verb.children)


def uniformed(heads: list[Token]) -> bool:
    """Police, troops, courts or gunmen named as the actor ("police fired
    tear gas into the stands"): state force or armed groups, never a team,
    in a sports report. Leaders, sides, countries, guards and fighters
    are left out: players and teams are called so."""
    return any(head_lemma(h) in UNIFORMED or h.lower_ in UNIFORMED for h in heads)


def sporting(head: Token) -> bool:
    """Whether the words that name a side name a sport body or sport people:
    a head a sport word qualifies ("Canada's Olympic committees", "La Liga
    president Javier Tebas", "Italy's Serie A"), not the state's offices for
    sport ("Sports Minister Laura Flessel")."""
    word = head.lower_
    if word in SPORT_OFFICES:
        return False
    if word in SPORT_QUALIFIERS - words("sport sports"):
        return True  # "FIFA rejected", "La Liga had refused"
    qualifiers = _qualifiers(head)
    if not qualifiers & SPORT_QUALIFIERS or qualifiers & SPORT_OFFICES:
        return False
    return word in SPORT_BODIES or head.pos_ == "PROPN"


def private_head(head: Token) -> bool:
    """Whether the head noun of a side names a private party, even when a
    country qualifies it: producers, companies, clubs, players ("US steel
    producers", "the Japanese pitcher"), a sport body, a business group
    ("the German engineering group")."""
    if head.lower_ in PRIVATE_HEADS or head.lower_ in SPORT_PEOPLE or head.lower_ in TRADES or sporting(head):
        return True
    return head.lower_ in BUSINESS_COLLECTIVES and bool(_qualifiers(head) & BUSINESS_WORDS) \
        and not _qualifiers(head) & CAUSES


def sport_body(actor: ActorRecord) -> bool:
    """An organisation whose name says it is sport ("World Anti-Doping
    Agency", "International Olympic Committee", "Rugby Football Union"), not
    a ministry of sport."""
    name = set(actor.name.lower().split())
    return bool(name & SPORT_QUALIFIERS) and not name & SPORT_OFFICES


def political(actor: ActorRecord | None, head: Token | None, type_: str) -> bool:
    """Whether this side of an event is a political actor: the actor record
    when there is one, else the head noun of the phrase that names it."""
    if actor is not None:
        if actor.sector in PRIVATE_SECTORS:
            return False
        if actor.type == "country":
            return True
        if actor.type == "organization" and sport_body(actor):
            return False
        if actor.type == "organization":
            # An organisation the knowledge base lacks is political when its
            # name says so ("the Workers' Party", "the Interior Ministry", "the
            # International Association of Machinists and Aerospace Workers").
            name = actor.name.lower().split()
            return actor.code is not None or name[-1] in AGENT_NOUNS or bool(set(name) & PARTY_NAME_WORDS)
        if actor.sector in POLITICAL_SECTORS:
            return True
        if actor.sector == "CVL":
            return type_ in ("PROTEST", "ASSAULT", "COERCE")
        if actor.type == "person":
            return actor.code is not None and actor.sector is None and actor.role is not None
        return actor.type == "group" and actor.code is not None and actor.sector is None
    if head is None:
        return False
    word = head.lower_
    if word in PROTESTERS or type_ == "PROTEST" and head.pos_ in ("NOUN", "PROPN") and head.tag_ in ("NNS", "NNPS"):
        # Protesters act publicly; "prisoners rioted", "farmers marched"; else
        # only whose they are says ("opposition supporters demanded …").
        if type_ in ("PROTEST", "ASSAULT", "COERCE"):
            return True
        return head.pos_ == "NOUN" and any(c.dep_ in ("poss", "compound") and (
            c.lower_ in AGENT_NOUNS or head_lemma(c) in AGENT_NOUNS) for c in head.children)
    if word in STATE_ACTS:
        return True
    if sporting(head):
        return False
    if word in AGENT_NOUNS or head_lemma(head) in AGENT_NOUNS or word in POLITICIANS:
        return True
    if word in PARTY_MEMBERS and head.text[:1].isupper():
        return True
    if word in COLLECTIVES and head.pos_ == "NOUN" and _qualifiers(head) & CAUSES:
        return True
    # "the governor's office", "the president's spokesman": whose it is
    return head.pos_ == "NOUN" and any(
        c.dep_ in ("poss", "compound") and (c.lower_ in AGENT_NOUNS or head_lemma(c) in AGENT_NOUNS)
        and c.lower_ not in PROTESTERS for c in head.children)


def domestic_politicians(head: Token) -> bool:
    """Politicians of a country named by what they are ("Republicans",
    "several presidential candidates", "the ethics commissioner"): of the
    country where they act."""
    return head.lower_ in POLITICIANS - PEACEKEEPERS or head.lower_ in PARTY_MEMBERS and head.text[:1].isupper()


def _qualifiers(head: Token) -> set[str]:
    """The words before a noun in its phrase, lower case ("Human rights" in
    "Human rights groups"), with the parts of hyphenated ones."""
    out: set[str] = set()
    for left in head.lefts:
        if left.dep_ in ("compound", "amod", "nmod", "poss"):
            span = head.doc[left.left_edge.i:left.right_edge.i + 1]
            out |= {t.lower_ for t in span} | set(span.text.lower().split())
    return out


__all__ = ["POLITICAL_SECTORS", "political", "private_head", "sense", "sport_body", "sporting", "uniformed"]
