"""The demo publication's words: site identity, sections, authors, images and articles."""

from __future__ import annotations

from dataclasses import dataclass
from textwrap import dedent
from typing import Any

from .images import HeroArt, Portrait

SITE_NAME = "Masthead Review"
TAGLINE = "Health, technology and culture, thoughtfully told"
FOOTER_TEXT = (
    "Masthead Review is a demo publication built with Masthead; its articles and authors "
    "are illustrative."
)
HOME_INTRO = (
    "Welcome to **Masthead Review**, a demo publication made with Masthead: writing on health, "
    "technology and culture. The lead story is adapted from a post originally published on "
    "The Painted Brain; everything else was written for the demo."
)

# The article the home page features and the tests look for.
LEAD_ARTICLE = "7-ways-social-media-can-benefit-mental-health"

Block = dict[str, Any]


def text(markdown: str) -> Block:
    """A ``text`` block: markdown, with ``## `` for section headings."""
    return {"type": "text", "value": dedent(markdown).strip()}


def section(heading: str, markdown: str) -> Block:
    """A ``text`` block that opens with ``heading`` as a ``## `` section heading."""
    return {"type": "text", "value": f"## {heading}\n\n{dedent(markdown).strip()}"}


def pull_quote(quote: str, attribution: str = "") -> Block:
    """A ``pull_quote`` block."""
    return {"type": "pull_quote", "value": {"quote": quote, "attribution": attribution}}


def figure(image: str, alt_text: str, caption: str = "", credit: str = "") -> Block:
    """An ``image`` block; ``image`` is a key of ``IMAGES``, swapped for the image's id."""
    return {
        "type": "image",
        "value": {"image": image, "alt_text": alt_text, "caption": caption, "credit": credit},
    }


@dataclass(frozen=True)
class ImageSpec:
    """A picture to draw and store, found again on later runs by its title."""

    title: str
    description: str
    art: HeroArt | Portrait


@dataclass(frozen=True)
class SectionSpec:
    """A section (``ArticleIndexPage``) under the home page."""

    slug: str
    title: str
    intro: str


@dataclass(frozen=True)
class AuthorSpec:
    """An ``AuthorPage`` under the author index."""

    slug: str
    name: str
    role: str
    bio: str
    photo: str
    website_url: str = ""
    website_name: str = ""
    social_links: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class ArticleSpec:
    """An ``ArticlePage`` in a section; ``related`` are slugs of the editor's picks, in order."""

    slug: str
    title: str
    section: str
    authors: tuple[str, ...]
    tags: tuple[str, ...]
    days_ago: int
    hero: str
    lede: str
    body: tuple[Block, ...]
    hero_alt: str = ""
    hero_caption: str = ""
    source_name: str = ""
    source_url: str = ""
    related: tuple[str, ...] = ()


# --- images --------------------------------------------------------------

CREDIT = "Illustration generated for the Masthead Review demo"

IMAGES: dict[str, ImageSpec] = {
    "bubbles-teal": ImageSpec(
        "Demo art: teal bubbles",
        "Abstract illustration: translucent circles drifting over a teal-to-peach gradient.",
        HeroArt("bubbles", ((18, 52, 86), (36, 130, 140), (242, 183, 120)), (250, 110, 90), 3),
    ),
    "bubbles-coral": ImageSpec(
        "Demo art: coral bubbles",
        "Abstract illustration: soft cream circles over a coral and plum gradient.",
        HeroArt("bubbles", ((250, 208, 170), (240, 128, 110), (150, 60, 90)), (255, 240, 200), 11),
    ),
    "bubbles-night": ImageSpec(
        "Demo art: night bubbles",
        "Abstract illustration: amber and violet circles glowing on a deep blue background.",
        HeroArt("bubbles", ((14, 20, 48), (48, 44, 110), (120, 80, 160)), (255, 190, 90), 17),
    ),
    "bubbles-sand": ImageSpec(
        "Demo art: sand bubbles",
        "Abstract illustration: pale circles over a warm sand-coloured gradient.",
        HeroArt("bubbles", ((245, 230, 200), (220, 180, 130), (160, 110, 80)), (90, 130, 140), 23),
    ),
    "waves-dusk": ImageSpec(
        "Demo art: dusk waves",
        "Abstract illustration: layered pink waves under a purple evening sky.",
        HeroArt("waves", ((60, 30, 90), (190, 80, 120), (250, 200, 150)), (255, 220, 120), 4),
    ),
    "waves-gold": ImageSpec(
        "Demo art: golden waves",
        "Abstract illustration: gentle cream waves over a gold and orange gradient.",
        HeroArt("waves", ((250, 225, 140), (240, 170, 80), (200, 90, 60)), (255, 255, 230), 8),
    ),
    "waves-night": ImageSpec(
        "Demo art: night waves",
        "Abstract illustration: pale blue waves rolling across a dark navy gradient.",
        HeroArt("waves", ((10, 24, 50), (30, 70, 120), (80, 150, 170)), (200, 230, 255), 15),
    ),
    "dots-meadow": ImageSpec(
        "Demo art: meadow dots",
        "Abstract illustration: a loose grid of white and blue dots on a green gradient, "
        "like a network of people.",
        HeroArt("dots", ((15, 70, 60), (90, 160, 110), (230, 230, 170)), (40, 90, 160), 5),
    ),
    "dots-sky": ImageSpec(
        "Demo art: sky dots",
        "Abstract illustration: scattered dots of different sizes on a pale sky-blue gradient.",
        HeroArt("dots", ((120, 180, 230), (170, 210, 240), (250, 240, 220)), (40, 80, 150), 9),
    ),
    "dots-night": ImageSpec(
        "Demo art: night-market dots",
        "Abstract illustration: warm points of light, like strings of lamps, on a dark plum "
        "background.",
        HeroArt("dots", ((20, 18, 40), (60, 40, 90), (160, 70, 100)), (255, 200, 110), 21),
    ),
    "blocks-forest": ImageSpec(
        "Demo art: forest blocks",
        "Abstract illustration: rounded blocks in yellow and cream stacked over a forest-green "
        "gradient.",
        HeroArt("blocks", ((20, 60, 40), (70, 130, 80), (200, 210, 150)), (240, 200, 90), 6),
    ),
    "blocks-slate": ImageSpec(
        "Demo art: slate blocks",
        "Abstract illustration: overlapping rounded rectangles in orange and grey on a slate "
        "gradient.",
        HeroArt("blocks", ((40, 50, 70), (90, 110, 130), (190, 200, 210)), (230, 120, 80), 12),
    ),
    "blocks-sunset": ImageSpec(
        "Demo art: sunset blocks",
        "Abstract illustration: rounded tiles in cream and purple over a sunset-orange gradient.",
        HeroArt("blocks", ((250, 190, 120), (230, 110, 100), (110, 50, 100)), (255, 235, 200), 19),
    ),
    "rings-plum": ImageSpec(
        "Demo art: plum rings",
        "Abstract illustration: concentric rings around a golden centre on a plum gradient.",
        HeroArt("rings", ((50, 20, 60), (120, 50, 110), (220, 150, 150)), (250, 200, 120), 7),
    ),
    "rings-ocean": ImageSpec(
        "Demo art: ocean rings",
        "Abstract illustration: ripples spreading across deep ocean-blue water.",
        HeroArt("rings", ((10, 50, 80), (20, 110, 140), (120, 200, 200)), (250, 250, 220), 13),
    ),
    "rings-sunrise": ImageSpec(
        "Demo art: sunrise rings",
        "Abstract illustration: white rings radiating from a bright centre on a sunrise gradient.",
        HeroArt("rings", ((250, 220, 160), (245, 160, 120), (200, 90, 110)), (255, 255, 255), 10),
    ),
    "portrait-kevin-naruse": ImageSpec(
        "Demo portrait: Kevin Naruse",
        "The initials KN in white on a terracotta circle, a placeholder portrait of Kevin Naruse.",
        Portrait("KN", (196, 84, 60)),
    ),
    "portrait-amara-okafor": ImageSpec(
        "Demo portrait: Amara Okafor",
        "The initials AO in white on a teal circle, a placeholder portrait of Amara Okafor.",
        Portrait("AO", (24, 120, 120)),
    ),
    "portrait-tomas-lindqvist": ImageSpec(
        "Demo portrait: Tomás Lindqvist",
        "The initials TL in white on a slate-blue circle, a placeholder portrait of "
        "Tomás Lindqvist.",
        Portrait("TL", (60, 84, 140)),
    ),
    "portrait-priya-raman": ImageSpec(
        "Demo portrait: Priya Raman",
        "The initials PR in white on a plum circle, a placeholder portrait of Priya Raman.",
        Portrait("PR", (130, 50, 110)),
    ),
    "portrait-hannah-greaves": ImageSpec(
        "Demo portrait: Hannah Greaves",
        "The initials HG in white on a green circle, a placeholder portrait of Hannah Greaves.",
        Portrait("HG", (52, 120, 70)),
    ),
    "portrait-daniel-osei": ImageSpec(
        "Demo portrait: Daniel Osei",
        "The initials DO in white on an ochre circle, a placeholder portrait of Daniel Osei.",
        Portrait("DO", (176, 120, 30)),
    ),
}

# --- sections and authors -------------------------------------------------

SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec(
        "health",
        "Health",
        "Mind and body, and the everyday habits that look after both.",
    ),
    SectionSpec(
        "technology",
        "Technology",
        "How the tools we carry shape the way we live, work and keep in touch.",
    ),
    SectionSpec(
        "culture",
        "Culture",
        "Books, music, food and the shared spaces where people meet.",
    ),
)

AUTHOR_INDEX_SLUG = "authors"
AUTHOR_INDEX_TITLE = "Authors"
AUTHOR_INDEX_INTRO = "The people who write for Masthead Review."

AUTHORS: tuple[AuthorSpec, ...] = (
    AuthorSpec(
        slug="kevin-naruse",
        name="Kevin Naruse",
        role="Social media director, The Painted Brain",
        bio=(
            "Kevin Naruse is the social media director at the Painted Brain and a social media "
            "consultant specializing in nonprofits and social enterprises."
        ),
        photo="portrait-kevin-naruse",
        website_url="https://kevinnaruse.example/blog/",
        website_name="Social Good, Online",
        social_links=(
            ("Mastodon", "https://mastodon.example/@kevinnaruse"),
            ("LinkedIn", "https://linkedin.example/in/kevin-naruse"),
        ),
    ),
    AuthorSpec(
        slug="amara-okafor",
        name="Amara Okafor",
        role="Health correspondent",
        bio=(
            "Amara Okafor covers health and medicine for Masthead Review. Before journalism she "
            "spent six years as a community nurse, which is where she learned to ask what a "
            "study means for the person in front of her."
        ),
        photo="portrait-amara-okafor",
        website_url="https://amaraokafor.example/",
        website_name="Field Notes on Health",
        social_links=(("Mastodon", "https://mastodon.example/@amaraokafor"),),
    ),
    AuthorSpec(
        slug="tomas-lindqvist",
        name="Tomás Lindqvist",
        role="Technology editor",
        bio=(
            "Tomás Lindqvist edits the technology section. He has written about software, "
            "repair culture and digital rights for a decade, and still keeps a 2013 laptop "
            "running out of stubbornness."
        ),
        photo="portrait-tomas-lindqvist",
        website_url="https://lindqvist.example/",
        website_name="Slow Computing",
        social_links=(
            ("Mastodon", "https://mastodon.example/@tomas"),
            ("Code", "https://git.example/tlindqvist"),
        ),
    ),
    AuthorSpec(
        slug="priya-raman",
        name="Priya Raman",
        role="Culture writer",
        bio=(
            "Priya Raman writes about books, music and public life. She runs a reading group "
            "that has met monthly, in person, since 2016, and sings (badly, she says) in a "
            "community choir."
        ),
        photo="portrait-priya-raman",
        social_links=(("Bookshelf", "https://books.example/priyaraman"),),
    ),
    AuthorSpec(
        slug="hannah-greaves",
        name="Hannah Greaves",
        role="Staff writer",
        bio=(
            "Hannah Greaves is a staff writer at Masthead Review, covering cities, food and the "
            "small habits that make a day better. She lives in a flat with too many plants."
        ),
        photo="portrait-hannah-greaves",
        social_links=(("Mastodon", "https://mastodon.example/@hannahg"),),
    ),
    AuthorSpec(
        slug="daniel-osei",
        name="Daniel Osei",
        role="Contributing editor, science",
        bio=(
            "Daniel Osei is a science writer with a background in epidemiology. He is "
            "interested in how research gets from a journal to a headline, and what gets lost "
            "on the way."
        ),
        photo="portrait-daniel-osei",
        website_url="https://danielosei.example/notes/",
        website_name="Notes on Evidence",
    ),
)

# --- articles --------------------------------------------------------------
# Listed in the order the loader creates them; an article's editor's picks are
# created first whatever their place here.

ARTICLES: tuple[ArticleSpec, ...] = (
    # Health
    ArticleSpec(
        slug=LEAD_ARTICLE,
        title="7 Ways Social Media Can Benefit Mental Health",
        section="health",
        authors=("kevin-naruse",),
        tags=("social media", "mental health", "wellbeing", "community", "teens"),
        days_ago=2,
        hero="bubbles-teal",
        hero_caption="Make social media work for mental health.",
        lede=(
            "Make social media work for mental health. In some ways, exposure to Facebook has "
            "been called “emotionally contagious”, and that contagion can be a good thing."
        ),
        source_name="The Painted Brain",
        source_url="https://paintedbrain.example/blog/7-ways-social-media-can-benefit-mental-health/",
        related=(
            "facebook-causes-depression-new-study-says",
            "online-meetups-that-actually-lead-somewhere",
        ),
        body=(
            text(
                """
                It turns out that emotions expressed on Facebook can affect your mood. They can
                even provoke instances of elation or depression. In some ways, exposure to
                Facebook has been called “emotionally contagious”, and it can affect even your
                mental health. And now there’s research data to back it up.

                Much research has been devoted to studying the downside of social media, and
                much of it is, in fact, legitimate. For example, addiction to social media is an
                epidemic among our nation’s teens, and this seems to be the case everywhere. The
                potential downsides of social media are many. Yet nearly half of the sources I
                reviewed suggested possible benefits as well.

                What the negative findings seem to overlook are the many positive effects social
                media has on its users. In other words, the use of Facebook, Twitter and the like
                can be good or bad, depending on how it is used. Sound familiar?
                """
            ),
            pull_quote(
                "Concerns about the negative impacts of social media have dominated public "
                "debate. However recent studies show there are clear health benefits to being "
                "online and connected.",
                "Joanna Egan, Women’s Health",
            ),
            text(
                """
                Here are some frequently overlooked positive effects that social media can have
                on mental health.
                """
            ),
            section(
                (
                    "Relieve social isolation and loneliness "
                    "by opening up new communication pathways"
                ),
                """
                Social media offers the chance to connect with others, and offers enough
                anonymity to allow people with mental illness to express themselves without
                revealing their identities. In other words, it allows self-expression without
                the danger of stigma.
                """,
            ),
            section(
                "Inspire healthy lifestyle changes",
                """
                We’re kidding, right? Actually, no. Social media can be used as a motivational
                tool to achieve healthy lifestyle goals such as quitting smoking or going to the
                gym regularly. Announcing a goal on social media and posting about it regularly
                promotes accountability to others, creating positive reinforcement from friends
                and stimulating an online “social support system”, which may lead the aspirant
                to form or join other communities dedicated to similar pursuits. This is a
                classic case of “positive emotional contagion.” Research has shown that sharing a
                goal publicly not only promotes accountability but helps one to stay focused, and
                dramatically increases one’s chance of success, whether it be weight loss or
                sobriety for recovering addicts and alcoholics.
                """,
            ),
            section(
                "Aid medical research for mental health professionals",
                """
                Social media can benefit therapists and psychiatrists by extending their reach.
                Mental health professionals are increasingly using social networking tools such
                as Facebook, Tumblr and Pinterest to collect data that can be used in research,
                and to connect with other professionals in the online community.
                """,
            ),
            figure(
                "dots-meadow",
                "Abstract illustration: white and blue dots scattered across a green gradient, "
                "like people linked in a network.",
                caption="Small connections add up.",
                credit=CREDIT,
            ),
            section(
                "Make social support and interventions possible",
                """
                Twenty-four-hour suicide prevention hotlines aren’t the only sources of
                intervention. An increasing number of websites now offer support through social
                media channels. These sites often provide anonymous forums for people to connect
                and share personal experiences, and many even allow them to sign up for an SMS
                service to receive daily advice, motivational messages and information useful for
                recovery or seeking help.
                """,
            ),
            section(
                "Build community by Joining Local Meetups",
                """
                Did you know that Meetup is a social media channel? Although it is one of the
                most widely used for things such as these, Meetup isn’t the only place to connect
                with local organizations, groups and clubs, or to network with people who share
                your interests. On Twitter, people organize Tweetups: face-to-face meetups of
                people with similar interests, arranged online. These may range from people who
                share a love of playing bridge to groups for recovering addicts. New
                relationships resulting from Tweetups are everywhere nowadays, and we can thank
                Twitter for that.
                """,
            ),
            section(
                "Strengthen existing relationships",
                """
                Tweetups are just one example of how social media can build new relationships.
                Social media (and not only Twitter) can also help manage relationships,
                especially with those who live far away, breaking down geographical barriers. It
                can also help people with disabilities keep up their relationships, such as
                elderly people and those whose physical disabilities limit their mobility and
                prevent travel outside the home. Far from increasing isolation, social media can
                provide alternative means of finding support, even helping to lift depression,
                and, as Tweetups have shown, can provide a healthy excuse to go outside rather
                than stay cooped up indoors or hunched over a computer.
                """,
            ),
            section(
                (
                    "Provide teens with opportunities to develop technical "
                    "and other skills needed to function in society"
                ),
                """
                A common dilemma among people with mental illness (including depression) is the
                reluctance to talk to the people closest to them about their problems. More and
                more young people are turning to the internet for health advice, on topics such
                as contraception and acne treatments. Far from being a singularly destructive
                force in their development, social media can, in fact, do quite the opposite.
                Many teens will post online what they are reluctant to share with their parents.
                For troubled youth, this may make early intervention by concerned friends and
                peers more possible. For others, it provides a rich opportunity to experiment
                with different modes of creative self-expression, which in itself is
                therapeutic.

                While it is impossible to deny the dangers of social media, parents may choose
                to focus on the positive uses of online media in order to promote better online
                habits in their children.
                """,
            ),
        ),
    ),
    ArticleSpec(
        slug="facebook-causes-depression-new-study-says",
        title="Facebook Causes Depression New Study Says",
        section="health",
        authors=("kevin-naruse",),
        tags=("social media", "mental health", "research"),
        days_ago=45,
        hero="waves-night",
        lede=(
            "A new study links time on Facebook with low mood. Before you delete the app, it is "
            "worth reading past the headline."
        ),
        body=(
            text(
                """
                “Facebook causes depression” makes a good headline. It is also, like most
                headlines about a single study, more certain than the research behind it.

                ## What the study found

                The researchers followed a group of young adults for two weeks, messaging them
                several times a day to ask how they felt and how much they had used Facebook
                since the last message. The more they used it between messages, the worse they
                tended to feel at the next one, and the more their satisfaction with life
                dropped over the fortnight. Time spent with people face to face did not show the
                same pattern.

                ## What it did not find

                The study did not show that Facebook causes clinical depression. It measured
                passing moods and life satisfaction, in a fairly small group, over a short time.
                Nor could it rule out the reverse: that people who already felt low spent more
                time scrolling.
                """
            ),
            pull_quote(
                "The same app can leave one person lonelier and another better supported. The "
                "difference is usually in how it is used."
            ),
            text(
                """
                ## How you use it matters

                Other research suggests a useful distinction. Scrolling passively through other
                people's news and photos, and comparing ourselves with their best moments, is
                linked to feeling worse. Using the platform actively, to message friends, join
                groups and share our own lives, is linked to feeling more connected.

                ## What to do with this

                If you notice that time on social media leaves you flat, you are not imagining
                it. Try fewer, more deliberate visits: check in on the people you care about,
                then close the app. And if low mood lasts for weeks, talk to someone. It deserves
                more than a change of settings.
                """
            ),
        ),
    ),
    ArticleSpec(
        slug="why-a-walk-beats-a-scroll-before-bed",
        title="Why a Walk Beats a Scroll Before Bed",
        section="health",
        authors=("amara-okafor",),
        tags=("sleep", "wellbeing", "mental health", "social media"),
        days_ago=9,
        hero="waves-dusk",
        lede=(
            "Ten minutes outside in the evening does more for sleep than any app. Here is why, "
            "and how to make it stick."
        ),
        body=(
            text(
                """
                Most of us know the routine. The lights go off, the phone comes out, and twenty
                minutes later we are reading the comments under a stranger's holiday photos.
                Sleep researchers have been pointing at that habit for years, and not only
                because of the light from the screen.

                ## It is the stimulation, not just the light

                Blue light gets the headlines, but the bigger problem may be what we look at.
                Feeds are built to keep us engaged: a new argument, a new outrage, a new thing to
                want. None of that tells the body it is time to wind down.

                ## What a walk does instead

                A short evening walk works in the other direction. Gentle movement lowers
                stress, the fading daylight nudges the body clock, and the absence of a screen
                gives the mind room to sort through the day. People who take one often say they
                fall asleep faster, even when the walk is only ten minutes around the block.

                ## Making it a habit

                - Leave the phone at home, or keep it in a pocket on silent.
                - Pick a fixed route so there is nothing to decide.
                - Go at the same time each evening, even in poor weather; a coat is easier than a
                  decision.
                - If walking alone feels strange, invite a neighbour. Company helps a habit last.

                None of this means the phone has to disappear from the evening. Reply to your
                messages, check the weather, then put it down and step outside. The feed will
                still be there in the morning.
                """
            ),
        ),
    ),
    ArticleSpec(
        slug="the-quiet-benefits-of-talking-to-strangers",
        title="The Quiet Benefits of Talking to Strangers",
        section="health",
        authors=("hannah-greaves",),
        tags=("community", "wellbeing", "mental health"),
        days_ago=16,
        hero="bubbles-coral",
        lede=(
            "A few words with the person at the bus stop can lift a day more than we expect. So "
            "why do we avoid them?"
        ),
        body=(
            text(
                """
                On the number 12 bus there is a woman who says good morning to everyone. Most
                people mumble something back; a few look startled. Mariam, a retired teacher, has
                been doing it for eleven years.
                """
            ),
            pull_quote(
                "It costs nothing, and about half the time it turns into a proper conversation.",
                "Mariam, a passenger on the number 12",
            ),
            text(
                """
                Psychologists who study these small exchanges keep finding the same thing: we
                expect talking to strangers to be awkward, and mostly it isn't. People asked to
                strike up a conversation on their commute tend to predict they will enjoy it less
                than sitting in silence. Afterwards, most report the opposite.

                ## Why we hold back

                Part of it is a simple misjudgement. We assume the other person does not want to
                be disturbed, they assume the same about us, and so nobody speaks. Part of it is
                habit: headphones and phones give us a polite way to be somewhere else.

                ## Small talk, big effect

                Brief, friendly contact with people we do not know, such as the barista, a
                neighbour or the person next to us in a queue, seems to add to a sense of
                belonging in a way that is separate from close friendships. For people who live
                alone, these moments can be a real part of the day's social life.

                There is no need to become Mariam overnight. Start with a comment about the
                weather, the late train or the dog at the next table. Most people are glad to be
                asked.
                """
            ),
        ),
    ),
    ArticleSpec(
        slug="what-peer-support-groups-get-right",
        title="What Peer Support Groups Get Right",
        section="health",
        authors=("amara-okafor",),
        tags=("mental health", "community", "research"),
        days_ago=23,
        hero="rings-plum",
        lede=(
            "Support from people who have been there is no substitute for treatment, but it "
            "fills gaps that treatment leaves."
        ),
        body=(
            text(
                """
                Walk into a peer support group and the first thing you notice is that nobody is
                in charge, at least not in the usual way. There is a facilitator, often someone
                with their own experience of whatever the group is for, but the conversation
                belongs to the room.

                ## Lived experience as expertise

                The idea behind peer support is that people who have come through a difficulty
                know things that professionals may not: which side effects are worth mentioning
                to a doctor, how to explain a bad week to an employer, what helped on the days
                when nothing seemed to. That knowledge is practical and specific, and it comes
                without a waiting list.

                ## What the evidence suggests

                Studies of peer support vary in their methods, but several point in the same
                direction: participants often report feeling less alone, more hopeful and more
                confident about managing their own care. The effect on clinical symptoms is less
                clear, which is why most groups describe themselves as a complement to treatment
                rather than a replacement for it.

                ## Online and in person

                Many groups now meet online as well as in church halls and libraries. Online
                meetings lower the barrier for people who are housebound, live far from a group
                or are not ready to be seen. In-person meetings offer something screens struggle
                with: a cup of tea afterwards, and the chance to walk out together.

                If you are curious, most groups welcome people who just want to listen for the
                first few sessions. Nobody will ask you to speak until you are ready.
                """
            ),
        ),
    ),
    ArticleSpec(
        slug="screen-time-and-teens-what-the-numbers-actually-say",
        title="Screen Time and Teens: What the Numbers Actually Say",
        section="health",
        authors=("amara-okafor", "daniel-osei"),
        tags=("teens", "social media", "research", "mental health"),
        days_ago=30,
        hero="dots-sky",
        lede=(
            "Hours of screen time tell us less than we think. What teenagers do online, and with "
            "whom, matters more."
        ),
        related=("the-case-for-a-boring-phone",),
        body=(
            text(
                """
                Few topics produce as many alarming headlines as teenagers and their phones. Read
                enough of them and you might conclude that every hour online does measurable
                harm. The research is more interesting than that.

                ## Averages hide a lot

                Large surveys do find a link between heavy social media use and lower wellbeing
                among teenagers, particularly girls. But the average effect is small, and it sits
                alongside much bigger influences such as sleep, bullying, physical activity and
                family circumstances. Averages also hide the young people for whom time online is
                a lifeline: those who are isolated at school, or who find their people in online
                communities built around a shared interest or identity.

                ## Passive versus active

                A more useful distinction than hours is how the time is spent. Scrolling through
                other people's highlights, late at night and alone, is different from messaging
                friends, making videos or playing a game with classmates. Several studies suggest
                that passive use is the part most linked to feeling worse.
                """
            ),
            pull_quote(
                "Asking “how long were you on your phone?” is less revealing than asking “how "
                "did you feel afterwards?”",
                "A school counsellor, talking to parents",
            ),
            text(
                """
                ## What parents can do

                - Talk about what your teenager actually does online, with curiosity rather than
                  suspicion.
                - Protect sleep: phones charging outside the bedroom is one of the few rules with
                  clear support.
                - Watch for changes in mood, friendships or schoolwork rather than counting
                  minutes.
                - Model the habits you want to see. Teenagers notice when adults scroll through
                  dinner.

                The honest summary is that screens are neither poison nor harmless. Like most
                things in a teenager's life, they go better with attention and conversation.
                """
            ),
        ),
    ),
    ArticleSpec(
        slug="ten-minutes-of-sunlight",
        title="Ten Minutes of Sunlight",
        section="health",
        authors=("hannah-greaves",),
        tags=("wellbeing", "exercise", "sleep"),
        days_ago=37,
        hero="waves-gold",
        lede="Morning light is one of the simplest ways to steady sleep and mood, and it is free.",
        body=(
            text(
                """
                Every winter I go through the same slump. The alarm goes off in the dark, I
                commute in the dark, and by February I feel permanently jet-lagged. This year I
                tried one small change: ten minutes outside within an hour of waking, whatever
                the weather.

                ## Why morning light matters

                The body's internal clock runs on a cycle of roughly a day, and light is its main
                way of keeping time. Bright light in the morning signals the start of the day; it
                helps us feel alert then and sleepy at a sensible hour later. Even on an overcast
                day, outdoor light is many times brighter than a typical office or kitchen.

                ## What I actually did

                Nothing heroic. I took my coffee to the front step. On weekdays I got off the bus
                a stop early and walked the rest of the way. On wet days I stood under the awning
                of the corner shop for a few minutes, which earned me some looks.

                ## What changed

                After about two weeks I was falling asleep earlier without trying, and the
                mid-afternoon fog lifted a little. It is not a cure for anything, and anyone with
                seasonal depression should talk to a doctor about light therapy and other
                treatment. But as habits go it is hard to beat: no equipment, no subscription,
                and fresh air thrown in.
                """
            ),
        ),
    ),
    ArticleSpec(
        slug="gardening-as-therapy-notes-from-a-community-allotment",
        title="Gardening as Therapy: Notes From a Community Allotment",
        section="health",
        authors=("hannah-greaves",),
        tags=("community", "wellbeing", "mental health", "cities"),
        days_ago=51,
        hero="blocks-forest",
        lede=(
            "On a patch of city land, volunteers grow vegetables and, they say, a steadier state "
            "of mind."
        ),
        body=(
            text(
                """
                The allotment sits between a railway cutting and a row of garages, and on a
                Saturday morning it is the busiest place on the street. About thirty people have
                plots here. Some have grown leeks for decades; others arrived last spring after a
                referral from their GP.

                ## Prescribed: one raised bed

                Social prescribing, in which doctors and link workers refer people to community
                activities instead of, or alongside, medication, has made gardening projects
                like this one a regular destination. The coordinator, Joe, keeps two beds free
                for newcomers. “Nobody is expected to know anything,” he says. “The first job is
                usually weeding, and that's the point.”
                """
            ),
            pull_quote(
                "Your hands are busy and your head gets a rest.",
                "Joe, allotment coordinator",
            ),
            text(
                """
                ## Why it seems to help

                Gardeners here describe a mix of things: being outdoors, gentle physical work, a
                reason to leave the house at a set time, and the company of people who do not ask
                too many questions. There is also the slow satisfaction of watching something
                grow. In a week when little else goes right, a row of beans is still a row of
                beans.

                ## Not just for the green-fingered

                The allotment runs a tea rota, a seed swap and a winter repair day for tools.
                Several regulars come mostly for the conversation, which is fine with Joe. “Some
                people are here for the vegetables,” he says, “and some are here for each other.
                We grow both.”
                """
            ),
        ),
    ),
    ArticleSpec(
        slug="how-loneliness-shows-up-in-the-body",
        title="How Loneliness Shows Up in the Body",
        section="health",
        authors=("daniel-osei",),
        tags=("research", "mental health", "wellbeing"),
        days_ago=64,
        hero="rings-ocean",
        lede="Loneliness is a feeling, but research increasingly treats it as a health risk too.",
        body=(
            text(
                """
                Loneliness is usually discussed as an emotional problem, and it is one. But over
                the past two decades researchers have also begun to treat it as a physical one,
                with effects that show up in sleep, blood pressure and the immune system.

                ## A signal, like hunger

                One way to think about loneliness is as a signal, like hunger or thirst, telling
                us that something we need is missing. In the short term the signal is useful: it
                pushes us to seek out other people. The problems come when it persists for months
                or years.

                ## What long-term loneliness does

                People who report being lonely for long periods tend to sleep less well, with
                more waking in the night. They show higher levels of stress hormones and, in some
                studies, more inflammation. Over time these changes are associated with a higher
                risk of heart disease and other conditions. The associations hold even after
                accounting for factors such as smoking and income, although, as with most
                observational research, cause and effect are hard to separate.

                ## Being alone is not the same thing

                Loneliness is not the same as living alone or spending time by yourself. Plenty
                of people enjoy solitude, and plenty feel lonely in a crowded house. What seems
                to matter is the gap between the connection we have and the connection we want.

                That gap can be narrowed in small ways: a regular phone call, a class, a
                volunteering shift. The research does not say which will work for whom, but it
                does suggest that taking loneliness seriously is part of taking health seriously.
                """
            ),
        ),
    ),
    ArticleSpec(
        slug="a-beginners-guide-to-running-without-hating-it",
        title="A Beginner's Guide to Running Without Hating It",
        section="health",
        authors=("hannah-greaves",),
        tags=("exercise", "wellbeing"),
        days_ago=78,
        hero="waves-dusk",
        lede=(
            "Slow down, walk when you need to and forget about your pace: a reluctant runner's "
            "guide to starting."
        ),
        body=(
            text(
                """
                I spent most of my twenties insisting I was not a runner. Running was for people
                with the right shoes and the right knees. Then a friend talked me into a
                beginners' programme, and nine weeks later I ran for thirty minutes without
                stopping. Here is what I wish I had known at the start.

                ## Go slower than feels reasonable

                The most common beginner's mistake is running too fast. If you cannot speak in
                full sentences, slow down. It will feel almost silly at first. That is the right
                pace.

                ## Walking is allowed

                Most beginners' plans alternate running and walking: one minute of each, then
                two, and so on. The walking is part of the plan, not a failure of it.

                ## Three times a week is plenty

                Rest days are when your body adapts. Running every day as a beginner is a fast
                route to sore shins and giving up.

                ## Find a reason that isn't a number

                Pace and distance motivate some people and discourage others. I ran for the quiet
                half-hour in the park and the feeling afterwards. A running group, a podcast or a
                route past a good bakery all count as reasons.

                ## Expect bad days

                Some runs will feel awful for no obvious reason. Finish them gently, or cut them
                short, and go again in two days.

                I am still not fast, and my knees are still my knees. But I run three mornings a
                week now, and I miss it when I don't.
                """
            ),
        ),
    ),
    ArticleSpec(
        slug="burnout-is-a-workplace-problem-not-a-personal-failing",
        title="Burnout Is a Workplace Problem, Not a Personal Failing",
        section="health",
        authors=("amara-okafor",),
        tags=("work", "mental health"),
        days_ago=92,
        hero="blocks-slate",
        lede=(
            "Bubble baths and breathing apps will not fix a job that asks too much. Here is what "
            "actually helps."
        ),
        body=(
            text(
                """
                Burnout is often talked about as a personal weakness: a failure to manage stress,
                set boundaries or practise enough self-care. The people who study it tend to see
                it differently. They describe it as a response to chronic workplace stress that
                has not been successfully managed, which puts at least half the responsibility on
                the workplace.

                ## The three signs

                Researchers usually describe burnout in three parts: exhaustion, a growing
                distance or cynicism about the job, and a sense that nothing you do makes a
                difference. Any one of these can happen in a bad week. Together, and lasting for
                months, they are a warning.

                ## Where it comes from

                The usual causes are not mysterious. Too much work for the time available. Little
                control over how it is done. Effort that goes unrecognised. Unfair treatment. A
                clash between what the job asks and what the person believes is right. Breathing
                exercises can help someone cope with these things, but they do not remove them.

                ## What organisations can change

                - Make workloads visible and realistic, and adjust them when priorities change.
                - Give people a say in how and when they do their work.
                - Notice and acknowledge effort, not only results.
                - Train managers to spot the signs and to have the conversation early.

                ## What individuals can do

                If you recognise the signs in yourself, talk to someone: a manager you trust, an
                occupational health service, a doctor. Keeping a simple record of hours and tasks
                for a couple of weeks can make that conversation easier. And rest, properly, when
                you can; it is not a reward for finishing everything.
                """
            ),
        ),
    ),
    ArticleSpec(
        slug="cooking-for-one-without-the-gloom",
        title="Cooking for One Without the Gloom",
        section="health",
        authors=("hannah-greaves",),
        tags=("food", "wellbeing", "mental health"),
        days_ago=106,
        hero="bubbles-coral",
        lede=(
            "A meal for one can be a small daily pleasure rather than a chore. Some ideas to get "
            "started."
        ),
        body=(
            text(
                """
                Cooking for one has a reputation problem. Recipes serve four, vegetables come in
                family-sized bags, and after a long day it is easy to decide that toast counts as
                dinner. Sometimes it does. But a meal made with a little care can also be one of
                the better parts of a day spent alone.

                ## Cook once, eat twice

                Make a pot of soup, a tray of roasted vegetables or a big batch of beans at the
                weekend. Eat some fresh, and turn the rest into something different midweek: the
                soup becomes a pasta sauce, the vegetables go into an omelette.

                ## Keep a short list of favourites

                Five or six meals you can make without thinking are worth more than a shelf of
                cookbooks. Mine are a tomato and egg stir-fry, a lentil dal, a quick noodle soup,
                baked potatoes with whatever is in the fridge, and a very good sandwich.

                ## Set the table anyway

                It sounds precious, but eating at a table from a proper plate, rather than
                standing at the counter, changes the feel of a meal. Put the radio on if the
                quiet bothers you.

                ## Share sometimes

                Cooking for one does not have to mean always eating alone. A monthly dinner swap
                with a friend, a neighbour who gets the spare portion, or a community meal at a
                local centre all add company to the routine.

                None of this is about eating perfectly. It is about treating your own dinner as
                worth a little effort, because it is.
                """
            ),
        ),
    ),
    # Technology
    ArticleSpec(
        slug="the-case-for-a-boring-phone",
        title="The Case for a Boring Phone",
        section="technology",
        authors=("tomas-lindqvist",),
        tags=("technology", "wellbeing", "mental health", "social media"),
        days_ago=5,
        hero="dots-night",
        lede=(
            "A grey screen, fewer apps and almost no notifications: one editor's month-long "
            "experiment in making his phone less interesting."
        ),
        body=(
            text(
                """
                For a month I made my phone as dull as I could. I switched the screen to
                greyscale, deleted every app with a feed, turned off all notifications except
                calls and messages from a short list of people, and moved everything else off the
                home screen. The goal was not to stop using the phone. It was to stop using it
                without meaning to.

                ## Week one: the reach

                The first thing I noticed was how often my hand went to my pocket for no reason
                at all: in queues, at traffic lights, in the gap between finishing one task and
                starting the next. With nothing bright to greet me, I put the phone away again
                within seconds.

                ## Week two: the gaps fill in

                Those small gaps started to fill with other things. I read more on the bus. I
                noticed that the street I walk down every day has a tiled mural I had never
                looked at properly. I was, at times, bored, which turned out to be less
                unpleasant than I remembered.

                ## Weeks three and four: what I missed

                I did miss some things. Maps are easier to read in colour, and I missed the
                photos friends shared in group chats. I kept greyscale on a shortcut so I could
                switch it off for a minute when I needed to.

                ## What stuck

                The colour is back on. The feed apps have not come back, and neither have most of
                the notifications. My screen time is down by about a third and, more importantly,
                more of what is left is time I chose.
                """
            ),
        ),
    ),
    ArticleSpec(
        slug="what-moderators-see-so-you-dont",
        title="What Moderators See So You Don't",
        section="technology",
        authors=("tomas-lindqvist",),
        tags=("social media", "technology", "work", "mental health"),
        days_ago=19,
        hero="bubbles-night",
        lede=(
            "Content moderators keep platforms usable at a cost to themselves. Better tools and "
            "conditions can reduce it."
        ),
        body=(
            text(
                """
                Every large platform relies on people whose job is to look at the worst of what
                users post and decide what stays up. Most of them are contractors, many work in
                shifts reviewing hundreds of items an hour, and few users ever think about them.

                ## The work

                Much of moderation is mundane: spam, duplicate posts, borderline insults. But a
                share of it is not. Moderators can see violence, abuse and cruelty in quick
                succession, with targets for speed and accuracy to meet. Former moderators have
                described intrusive memories, trouble sleeping and a changed view of other
                people.

                ## What helps

                Moderators and researchers who have looked at the job point to a handful of
                changes that make a difference:

                - **Limits on exposure**: rotating people between difficult queues and lighter
                  work, and capping time spent on the most distressing material.
                - **Better tools**: blurring images by default, muting audio, and showing content
                  in greyscale until a moderator chooses otherwise.
                - **Real support**: counselling during and after employment, not only a wellness
                  room.
                - **Fair targets**: accuracy over raw speed, and time to step away after a hard
                  item.

                ## Why it matters to everyone

                Automated systems now catch much of the obvious material, but they still need
                people to train them, check them and handle the cases they cannot. As long as
                platforms depend on that work, the wellbeing of the people doing it is part of
                the cost of every feed we scroll.
                """
            ),
        ),
    ),
    ArticleSpec(
        slug="group-chats-are-the-new-front-porch",
        title="Group Chats Are the New Front Porch",
        section="technology",
        authors=("kevin-naruse",),
        tags=("social media", "community", "technology", "wellbeing"),
        days_ago=27,
        hero="dots-meadow",
        lede=(
            "Public feeds are getting quieter. The conversation has moved into small, private "
            "groups, and that may be good news."
        ),
        body=(
            text(
                """
                Ask people where they talk to their friends online and fewer of them name a
                public feed than a few years ago. The conversation has moved into group chats:
                the family thread, the five-a-side team, the neighbours on one street, the old
                university friends who mostly send photos of their dogs.

                ## Small rooms, different rules

                Group chats work differently from public platforms. Everyone knows who is
                listening. There is no algorithm deciding what gets seen, and no audience of
                strangers to perform for. That changes how people write: more jokes, fewer
                pronouncements, and a lot more logistics.

                ## A place to check in

                For many people the group chat has become a kind of front porch, somewhere to see
                who is around and share small news without making an announcement. A quick
                message on a hard day, a photo of a meal, a reminder about someone's birthday:
                the everyday stuff that keeps relationships going between meetings.

                ## The downsides

                They are not perfect. Busy groups can be overwhelming, and it is easy to feel
                left out of a chat you were never added to. Misunderstandings spread quickly in
                text, and muting a group can feel rude. Most families have one member who
                forwards everything.

                ## Keeping them healthy

                Mute freely and without guilt. Start a separate thread for plans so the main chat
                stays chatty. And remember that the point of a front porch is that you sometimes
                walk down the steps: the best group chats end with people meeting in person.
                """
            ),
        ),
    ),
    ArticleSpec(
        slug="how-nonprofits-can-use-social-media-without-burning-out",
        title="How Nonprofits Can Use Social Media Without Burning Out",
        section="technology",
        authors=("kevin-naruse",),
        tags=("social media", "community", "work"),
        days_ago=41,
        hero="waves-gold",
        lede=(
            "A small team does not need to be everywhere. Pick fewer channels, plan in batches "
            "and measure what matters."
        ),
        body=(
            text(
                """
                Small charities and social enterprises are often told they need to be on every
                platform, posting every day. For a team of two or three, that advice is a recipe
                for exhaustion. After years of helping nonprofits with their social media, here
                is what I suggest instead.

                ## Choose one or two channels

                Go where the people you serve and the people who support you already are. For
                one organization that might be a newsletter and a neighborhood group; for
                another, short videos. Doing two channels well beats doing five badly.

                ## Plan in batches

                Set aside a couple of hours every other week to plan and prepare posts. Batching
                saves the daily scramble and makes it easier to notice when you are saying the
                same thing too often.

                ## Let the community speak

                The most engaging posts from nonprofits are rarely announcements. They are
                stories: a volunteer's first day, a participant's own words (with permission), a
                photo of the room before an event. Ask people to share in their own voice.

                ## Decide what success looks like

                Likes are easy to count and easy to misread. Decide what you actually want,
                whether that is sign-ups for a class, volunteers, donations or simply people
                knowing you exist, and track that.

                ## Protect the person doing it

                Whoever runs the accounts also sees the criticism, the trolls and sometimes
                messages from people in distress. Agree in advance how these will be handled, who
                else can help, and when the accounts are simply not monitored. Social media
                should serve the mission, not consume the team.
                """
            ),
        ),
    ),
    ArticleSpec(
        slug="privacy-settings-worth-changing-today",
        title="Privacy Settings Worth Changing Today",
        section="technology",
        authors=("tomas-lindqvist",),
        tags=("privacy", "technology", "social media"),
        days_ago=55,
        hero="blocks-slate",
        lede=(
            "Ten minutes with your settings can cut down on tracking, targeted adverts and "
            "unwelcome visitors."
        ),
        body=(
            text(
                """
                Privacy settings are designed to be set once and forgotten, usually at the moment
                you were least interested in reading them. They deserve a second look. None of
                the changes below needs technical knowledge, and most take less than a minute.

                ## On your phone

                1. Review which apps can see your location, and switch most of them to “only
                   while using the app”, or off entirely.
                2. Check which apps can reach your contacts, photos and microphone. Many asked
                   once and never needed it again.
                3. Turn off ad personalisation in the phone's settings, and reset the advertising
                   identifier.

                ## On social media

                1. Check who can see your posts by default, and who can see your list of friends
                   or followers.
                2. Turn off the option that lets people find you by your phone number or email
                   address, unless you want it.
                3. Review the apps and websites connected to your account, and remove the ones
                   you no longer use.
                4. Look at the settings for photo tagging and face recognition, where they exist.

                ## In your browser

                1. Block third-party cookies.
                2. Consider a tracker-blocking extension from a reputable developer.
                3. If you use a separate password manager, clear the passwords saved in the
                   browser.

                ## Then set a reminder

                Settings change as apps update, and new features often arrive switched on. A
                reminder every six months to go through the list again turns the job from a
                chore into a habit.
                """
            ),
        ),
    ),
    ArticleSpec(
        slug="the-slow-return-of-the-personal-website",
        title="The Slow Return of the Personal Website",
        section="technology",
        authors=("tomas-lindqvist",),
        tags=("technology", "design", "community"),
        days_ago=70,
        hero="rings-sunrise",
        lede=(
            "More writers and artists are building small sites of their own again, and linking "
            "to each other."
        ),
        body=(
            text(
                """
                In the early days of the web, having a site of your own was the point. You
                learned enough HTML to put up a page about your interests, added a list of links
                to other people's pages, and that was how people found each other. Then platforms
                made publishing easier, and most of us moved in.

                ## Why people are moving back

                The reasons people give for building personal sites again are remarkably
                consistent. They want a place that will not change its rules overnight. They want
                their writing to be found by search rather than buried by a feed. They want to
                decide how their work looks. And often they miss the feeling of a corner of the
                internet that is theirs.

                ## What it looks like now

                The new personal sites are mostly small and plain: a page about the author, a
                list of writing or projects, perhaps a blog with an RSS feed. Many are built with
                simple tools that turn text files into pages. Some include a “blogroll” of sites
                the author likes, an old idea that has come back because it works.

                ## Connected, not isolated

                A personal site does not mean giving up social media. Many people post on their
                own site first and share links elsewhere, so the original stays in their hands.
                Webrings, newsletters and feed readers fill in the discovery that algorithms used
                to provide.

                It is a slower way to be online. For a growing number of people, that is exactly
                the appeal.
                """
            ),
        ),
    ),
    ArticleSpec(
        slug="wearables-promise-better-sleep-do-they-deliver",
        title="Wearables Promise Better Sleep. Do They Deliver?",
        section="technology",
        authors=("daniel-osei",),
        tags=("technology", "sleep", "research"),
        days_ago=84,
        hero="waves-night",
        lede=(
            "Sleep trackers are good at some things and poor at others. Knowing which can spare "
            "you a lot of worry."
        ),
        body=(
            text(
                """
                Millions of people now go to bed wearing a ring, watch or band that reports on
                their night in the morning: hours slept, time in each stage, a score out of a
                hundred. The appeal is obvious. Whether the numbers help is another question.

                ## What they measure well

                Most trackers estimate sleep from movement and heart rate. They are reasonably
                good at telling when you fell asleep and woke up, and at spotting patterns over
                weeks: later bedtimes at weekends, shorter nights before early meetings. Used
                that way, as a diary that fills itself in, they can be genuinely useful.

                ## What they measure less well

                Sleep stages are harder. The gold standard for measuring them is a night in a
                sleep lab with sensors on the scalp, and consumer devices agree with it only
                roughly. A night labelled as short on deep sleep may not have been.

                ## When tracking backfires

                Sleep researchers increasingly see people who become so anxious about their sleep
                scores that the anxiety itself keeps them awake. If checking your score makes you
                feel worse, that is a sign to look less often, or not at all.

                ## Getting the most from one

                - Look at trends over weeks, not single nights.
                - Pay attention to how you feel, and treat the score as a second opinion.
                - Use the data to test one change at a time, such as a fixed wake-up time.
                - If you have persistent problems, such as loud snoring or waking unrefreshed,
                  see a doctor; a tracker cannot diagnose anything.
                """
            ),
        ),
    ),
    ArticleSpec(
        slug="notification-fatigue-and-how-to-fix-it",
        title="Notification Fatigue and How to Fix It",
        section="technology",
        authors=("hannah-greaves",),
        tags=("technology", "wellbeing", "work"),
        days_ago=99,
        hero="dots-sky",
        lede="Every ping asks for a moment of attention. A few settings give those moments back.",
        body=(
            text(
                """
                I counted once. On an ordinary weekday my phone and laptop between them produced
                a hundred and twelve notifications: messages, emails, calendar reminders,
                delivery updates, news alerts and a game I had not opened in months. Each took
                only a second. Together they broke the day into pieces.

                ## The cost of a ping

                An interruption costs more than the few seconds it takes to glance at a screen.
                It takes time to get back into whatever you were doing, and waiting for the next
                ping is a distraction of its own.

                ## A simple audit

                Spend one day noticing each notification and asking a single question: did I
                need to know this now? At the end of the day, turn off every kind that got a no.
                For most people that is the majority.

                ## Keep the ones that matter

                - Calls and messages from the people closest to you.
                - Calendar reminders for things that really do start at a set time.
                - Anything to do with safety, such as a building's alarm app.

                ## Batch the rest

                Email, news and social apps can usually wait. Check them at set times instead, or
                use a scheduled summary if your phone offers one.

                ## Use focus modes

                Most phones and computers can silence everything but a short list during working
                hours or in the evening. Set them up once and let them run by themselves.

                After my audit I am down to about twenty notifications a day. I have not missed
                anything important, and the days feel longer.
                """
            ),
        ),
    ),
    ArticleSpec(
        slug="online-meetups-that-actually-lead-somewhere",
        title="Online Meetups That Actually Lead Somewhere",
        section="technology",
        authors=("kevin-naruse",),
        tags=("community", "social media", "technology"),
        days_ago=113,
        hero="bubbles-teal",
        lede=(
            "An online group can be the start of real friendships, if it is organized with a "
            "meeting in mind."
        ),
        body=(
            text(
                """
                Plenty of online communities never leave the screen, and that is fine. But some
                of the most lasting ones start online and then meet in person: walking groups,
                language exchanges, board game nights, recovery groups. Having helped organize a
                few, I have noticed that the ones that work share some habits.

                ## Be local and specific

                A group for “people who like books” is hard to turn into a meeting. A group for
                people who want to read one novel a month and meet in the café by the station on
                the first Thursday is easy. Specific plans give people something to say yes to.

                ## Make the first meeting easy

                Choose a public, accessible place, keep it short and say clearly what will
                happen. Name tags help more than anyone likes to admit. Someone should arrive
                early and be obviously in charge of welcoming people.

                ## Keep the online space useful

                Between meetings, the online group should carry the practical details: dates,
                changes, photos afterwards, a thread for people who want to share a ride. Too
                much chat and new members cannot find what they need.

                ## Share the work

                Groups that depend on one organizer tend to fade when that person gets busy.
                Rotate hosting, ask people to bring snacks, and give newcomers small jobs early.

                ## Leave room for quiet people

                Not everyone will want to talk at the first meeting. Some of the most committed
                members I know spent their first two meetings mostly listening.
                """
            ),
        ),
    ),
    ArticleSpec(
        slug="apps-for-therapy-a-cautious-review",
        title="Apps for Therapy: A Cautious Review",
        section="technology",
        authors=("daniel-osei",),
        tags=("technology", "mental health", "research"),
        days_ago=127,
        hero="rings-plum",
        lede=(
            "Mental health apps can help some people with some problems. Here is how to choose "
            "one carefully."
        ),
        body=(
            text(
                """
                Search an app store for anxiety or low mood and you will find thousands of
                options: mood diaries, meditation timers, chat-based coaching, structured courses
                based on cognitive behavioural therapy. A few have been tested in proper trials.
                Most have not.

                ## What the evidence supports

                The strongest evidence is for structured programmes that teach techniques from
                established therapies, particularly for mild to moderate anxiety and depression,
                and particularly when a person supports the app, such as a coach or clinician who
                checks in regularly. Self-guided apps used alone tend to show smaller effects,
                partly because many people stop using them within a few weeks.

                ## Questions worth asking

                - **Who made it?** Look for clinical input and a clear explanation of the
                  approach.
                - **Has it been tested?** Published trials are a good sign; a vague claim to be
                  “science-backed” is not.
                - **What happens to your data?** Mood logs and journal entries are sensitive.
                  Read the privacy policy, and be wary of apps that share data with advertisers.
                - **What does it do in a crisis?** A responsible app points you to urgent help
                  and makes clear that it is not an emergency service.

                ## Where apps fit

                For some people an app is a useful first step, or a way to practise skills learned
                in therapy. For others it is a distraction from getting the help they need. If
                symptoms are severe, persistent or getting worse, an app is not enough on its
                own: talk to a doctor or a mental health service.
                """
            ),
        ),
    ),
    ArticleSpec(
        slug="keeping-old-laptops-alive",
        title="Keeping Old Laptops Alive",
        section="technology",
        authors=("tomas-lindqvist",),
        tags=("technology", "repair"),
        days_ago=141,
        hero="blocks-sunset",
        lede=(
            "A new battery, more memory and a lighter operating system can add years to a "
            "computer you were about to throw away."
        ),
        body=(
            text(
                """
                The laptop I write on is more than ten years old. It is heavier than anything sold
                today, the hinge creaks, and it is perfectly good at the job. Keeping it going has
                cost less than a tenth of the price of a new machine.

                ## Start with the battery

                Batteries wear out long before the rest of a laptop. On many older models a
                replacement is a few screws away, and illustrated repair guides exist for most
                popular machines.

                ## Add memory and a solid-state drive

                If the laptop still has a spinning hard disk, swapping it for a solid-state drive
                is the biggest single improvement you can make. Adding memory, where the machine
                allows it, helps with modern web pages, which are far heavier than they were
                when the laptop was new.

                ## Consider a lighter system

                When the manufacturer stops providing updates, a lightweight Linux distribution
                can keep an old machine secure and quick. It is less daunting than it sounds:
                most can be tried from a USB stick without changing anything on the disk.

                ## Clean the inside

                Dust in the fan makes a laptop hot, loud and slow. A careful clean with
                compressed air, with the machine off and unplugged, often makes a noticeable
                difference.

                ## Know when to stop

                Some laptops are glued shut or have parts soldered in place. If a repair would
                cost more than the machine is worth to you, passing it on to a refurbishing
                charity is better than leaving it in a drawer.

                Every year a laptop stays in use is a year's worth of materials and manufacturing
                not spent on a replacement.
                """
            ),
        ),
    ),
    # Culture
    ArticleSpec(
        slug="the-library-is-the-last-free-living-room",
        title="The Library Is the Last Free Living Room",
        section="culture",
        authors=("priya-raman",),
        tags=("community", "books", "cities"),
        days_ago=7,
        hero="blocks-forest",
        lede=(
            "Where else can you spend a whole day indoors, warm and welcome, without buying "
            "anything?"
        ),
        body=(
            text(
                """
                On a weekday afternoon the central library is full, and not many of the people in
                it are borrowing books. A man is applying for jobs on a public computer. Two
                teenagers are revising at a table by the window. A toddler group is singing in
                the children's corner. An older woman reads the newspaper, as she does, the
                librarian tells me, every day at two.

                ## A room that asks nothing

                Libraries are among the few indoor spaces left where nobody expects you to spend
                money. That makes them quietly essential: a warm place in winter, a cool one in
                summer, a desk for people without one at home, and a reason to leave the house
                for people who might otherwise not.

                ## More than books

                Modern libraries lend laptops, host citizenship classes, run code clubs and help
                people fill in forms that exist only online. Librarians find themselves doing the
                work of careers advisers, technical support and, sometimes, social workers.
                """
            ),
            pull_quote(
                "People come in for the wifi and stay for the company. We're the last free "
                "living room in town.",
                "A librarian at the central branch",
            ),
            text(
                """
                ## Under pressure

                Many library services have faced cuts, shorter hours and closures, which fall
                hardest on the people with the fewest alternatives. Where libraries thrive, it is
                often because local people use them loudly and defend them when budgets are set.

                If you have not been for a while, go. Borrow something. Sit for an hour. It
                counts.
                """
            ),
        ),
    ),
    ArticleSpec(
        slug="why-choirs-make-people-happier",
        title="Why Choirs Make People Happier",
        section="culture",
        authors=("priya-raman",),
        tags=("music", "community", "wellbeing", "mental health"),
        days_ago=14,
        hero="rings-sunrise",
        lede=(
            "Singing with other people seems to lift mood and build bonds faster than almost any "
            "other group activity."
        ),
        body=(
            text(
                """
                I joined a community choir four years ago on the understanding that nobody would
                make me sing alone. Nobody has. What I did not expect was how much I would come to
                rely on Tuesday evenings.

                ## Breathing together

                Singing involves slow, controlled breathing, which on its own tends to calm the
                body. In a choir everyone breathes at the same moments, and some researchers have
                found singers' heart rates falling into step as well. Whatever the mechanism,
                most people leave a rehearsal feeling better than when they arrived.

                ## Belonging, quickly

                Studies of group singing suggest it builds closeness between strangers faster
                than other group activities such as crafts or creative writing. Perhaps it is the
                shared effort, or the small vulnerability of singing out loud in front of others.
                Our choir has accountants, nurses, students and a retired bus driver with an
                astonishing bass voice, and we would not otherwise have met.

                ## No audition required

                Community choirs often welcome beginners and teach songs by ear, so reading music
                is optional. Some are aimed at particular groups: people living with lung
                conditions, new parents, people with dementia and their carers.

                ## The concert is the least of it

                We give two concerts a year, and they are fun. But the real value is the
                rehearsal: an hour and a half in which nothing matters except the next phrase,
                and then tea.
                """
            ),
        ),
    ),
    ArticleSpec(
        slug="reading-slowly-in-a-fast-decade",
        title="Reading Slowly in a Fast Decade",
        section="culture",
        authors=("priya-raman",),
        tags=("books", "wellbeing"),
        days_ago=33,
        hero="bubbles-sand",
        lede="Our reading group takes a month over every book. It is the best decision we made.",
        body=(
            text(
                """
                Our reading group has one rule: we read one book a month, and nobody is allowed
                to finish early and move on. It started as a joke about a member who always read
                the book in a weekend. It has become the thing we are proudest of.

                ## Attention as a habit

                Much of what we read now arrives in short pieces, designed to be skimmed. There
                is nothing wrong with that, but it trains a particular kind of attention: quick,
                restless, always looking for the next thing. Reading a long book slowly exercises
                the other kind.

                ## What slowness gives you

                When you read slowly you notice more. Sentences that would have blurred past turn
                out to be doing something clever. Characters become people you think about on the
                bus. Our disagreements about a book now come from close reading rather than
                half-remembered impressions.

                ## How we do it

                - We choose books together, a season at a time, mixing new novels, older classics
                  and the occasional work of non-fiction.
                - Each month someone prepares three questions in advance.
                - We meet in person, in the back room of a café that tolerates us.
                - Anyone who has not finished is still welcome. Endings are discussed last.

                ## Try it alone

                You do not need a group to read slowly. Pick a book you have always meant to
                read, give yourself a month and read a little every day, with the phone in
                another room. It feels indulgent at first, then normal, and then like the best
                part of the day.
                """
            ),
        ),
    ),
    ArticleSpec(
        slug="the-night-markets-changing-how-cities-eat",
        title="The Night Markets Changing How Cities Eat",
        section="culture",
        authors=("hannah-greaves",),
        tags=("food", "cities", "community"),
        days_ago=47,
        hero="dots-night",
        lede=(
            "Pop-up evening markets are filling car parks and squares with food, music and "
            "people who would not otherwise meet."
        ),
        body=(
            text(
                """
                At six o'clock on a Friday the car park behind the old cinema is just a car park.
                By seven it holds forty stalls, strings of lights, a sound system and several
                hundred people queuing for dumplings, flatbreads, grilled corn and a kind of
                doughnut I am still thinking about.

                ## A cheaper way to start

                For cooks, a night market is a cheap way to test an idea. A stall for an evening
                costs a fraction of a restaurant lease, and the feedback is immediate. Several
                traders I spoke to had started here and gone on to open small places of their
                own.

                ## Food from everywhere

                The stalls reflect the city: family recipes from a dozen countries, next to a
                vegan burger van and a man selling very good cheese toasties. People eat standing
                up, share tables with strangers and swap recommendations.

                ## Using space differently

                Night markets use spaces that are empty in the evening: car parks, school
                playgrounds, market halls after the day traders have gone. Planners have started
                to take notice, because a lively space after dark can make a street feel safer
                and bring people back into a centre they had stopped visiting.

                ## The catch

                Noise, litter and parking are the usual complaints, and the best markets work
                closely with their neighbours to manage them. This one ends at ten, and a team of
                volunteers has the car park swept by half past.

                Go hungry, bring cash just in case, and try something you cannot pronounce.
                """
            ),
        ),
    ),
    ArticleSpec(
        slug="memes-as-folk-art",
        title="Memes as Folk Art",
        section="culture",
        authors=("hannah-greaves",),
        tags=("social media", "design", "community"),
        days_ago=61,
        hero="blocks-sunset",
        lede=(
            "Anonymous, endlessly remixed and deeply local: the humble meme has more in common "
            "with folk songs than with advertising."
        ),
        body=(
            text(
                """
                Folklorists have long studied the jokes, songs and sayings that pass from person
                to person without an author: nursery rhymes, playground games, the ballads that
                change a little with every singer. Some now argue that internet memes belong to
                the same tradition.

                ## No author, many versions

                A meme usually starts with an image or a phrase that someone, somewhere, made
                first, but its life comes from the changes. Each version adapts the template to a
                new situation: a new job, a new news story, a new in-joke. The original creator is
                often forgotten. That is how folk culture has always worked.

                ## Local knowledge

                The funniest memes are often the most specific. A joke about a particular bus
                route, profession or group of friends can only be understood by people who share
                the reference. Like a regional dialect, it marks who belongs.

                ## Fast and fragile

                What is new is the speed. A meme can travel around the world in an afternoon and
                be stale by the weekend. Much of this culture disappears almost as quickly, which
                is why some archives and libraries have started trying to collect it.

                ## Taking jokes seriously

                None of this means every meme is art. Many are lazy, some are cruel, and plenty
                are used to sell things. But dismissing the whole form misses something: ordinary
                people, with no training and no budget, making and remaking a shared culture
                every day.
                """
            ),
        ),
    ),
    ArticleSpec(
        slug="what-board-games-teach-about-cooperation",
        title="What Board Games Teach About Cooperation",
        section="culture",
        authors=("hannah-greaves",),
        tags=("community", "design"),
        days_ago=75,
        hero="dots-meadow",
        lede=(
            "Cooperative board games, where the players win or lose together, are quietly "
            "changing game night."
        ),
        body=(
            text(
                """
                In most of the board games I grew up with, the aim was to beat everyone else at
                the table, preferably while they watched. A newer kind of game has a different
                aim: everyone wins together or loses together, against the game itself.

                ## How they work

                In a cooperative game the players share a goal: cure diseases before they spread,
                escape a burning building, complete a space mission. The game fights back with
                cards or dice that make things worse each turn. Players discuss their plans
                openly, and each has a special ability, so everyone's contribution matters.

                ## Different conversations

                The atmosphere at the table changes. Instead of hiding information, players share
                it. Instead of gloating, they celebrate a clever move by someone else. Newcomers
                can be helped through their turns without feeling patronised, which makes these
                games popular with families and mixed groups.

                ## Lessons that travel

                Teachers and youth workers use cooperative games to practise listening, planning
                and coping with disappointment. Losing together turns out to be easier than
                losing alone, and winning together is memorable in a different way.

                ## One warning

                Cooperative games can suffer from one player who tells everyone else what to do.
                The fix is a house rule: on your turn, you decide. Advice is welcome; orders are
                not.

                Our local café runs a games night every Wednesday. Last week five strangers saved
                the world with one card to spare, and then went for a drink.
                """
            ),
        ),
    ),
    ArticleSpec(
        slug="the-radio-hour-local-stations-find-new-listeners",
        title="The Radio Hour: Local Stations Find New Listeners",
        section="culture",
        authors=("priya-raman",),
        tags=("music", "community", "technology"),
        days_ago=89,
        hero="rings-ocean",
        lede=(
            "Community radio, streamed online and run by volunteers, is having an unexpected "
            "second life."
        ),
        body=(
            text(
                """
                The studio is a converted storeroom above a launderette, with egg boxes on the
                walls and a kettle that is never quite clean. From here about sixty volunteers
                broadcast eighteen hours a day to a neighbourhood and, thanks to an online
                stream, to listeners on four continents.

                ## Radio with a postcode

                Community stations play what commercial radio does not: local bands, music from
                the neighbourhood's many communities, shows in several languages, phone-ins about
                the bins. Presenters read out messages from listeners by name.

                ## The stream changed things

                Streaming and podcasts were expected to finish off small stations. Instead they
                have helped. People who moved away listen to stay in touch with home. Shows are
                kept online for anyone who missed them, and each becomes a small archive of the
                area's voices.

                ## A training ground

                Many volunteers arrive with no experience. They learn to edit audio, interview
                guests and keep talking when a record ends early. Several have gone on to work in
                broadcasting; others just like having a show.
                """
            ),
            pull_quote("If we don't tell these stories, nobody will.", "The station manager"),
            text(
                """
                ## Why it matters

                In a media world dominated by national and global voices, a local station is one
                of the few places where a neighbourhood can hear itself.

                Tune in on a Sunday morning for the gospel hour, followed by a surprisingly
                competitive gardening quiz.
                """
            ),
        ),
    ),
    ArticleSpec(
        slug="museums-after-dark",
        title="Museums After Dark",
        section="culture",
        authors=("hannah-greaves",),
        tags=("cities", "design"),
        days_ago=103,
        hero="bubbles-night",
        lede=(
            "Late openings are bringing new audiences into galleries, with music, talks and a "
            "drink in hand."
        ),
        body=(
            text(
                """
                On the last Friday of each month the city museum stays open until eleven. The
                galleries fill with people who would not be seen there at two on a Tuesday:
                office workers still wearing lanyards, couples on a date, groups of friends who
                have come for the DJ in the sculpture hall.

                ## A different kind of visit

                Late openings change how people move through a museum. Visitors wander rather
                than march, linger in front of whatever catches their eye and talk more loudly
                than they would in daylight. Curators give short talks in front of single
                objects. There is usually a bar.

                ## New audiences

                Museums run these evenings partly because they reach people who do not visit
                during the day, particularly younger adults and people who work office hours.
                Many say they came for the atmosphere and left having seen something they want to
                come back for.

                ## Not everyone is convinced

                Some regulars grumble about crowds and noise, and staff have to keep drinks away
                from delicate objects. The best events keep a few rooms quiet, with seating and
                low light, for people who want the collection without the party.

                ## Try one

                Most large museums and many small ones now run late openings of some kind, often
                free or cheap. Arrive early, pick one room to spend real time in, and then go and
                find the music.
                """
            ),
        ),
    ),
    ArticleSpec(
        slug="letters-not-likes-the-return-of-the-pen-pal",
        title="Letters, Not Likes: The Return of the Pen Pal",
        section="culture",
        authors=("priya-raman",),
        tags=("social media", "community", "wellbeing"),
        days_ago=117,
        hero="bubbles-sand",
        lede=(
            "In an age of instant messages, a growing number of people are choosing to wait a "
            "week for a reply."
        ),
        body=(
            figure(
                "waves-gold",
                "Abstract illustration: gentle cream waves over a gold and orange gradient.",
                caption="Slow post, warm colours.",
                credit=CREDIT,
            ),
            text(
                """
                The letter arrived on thick cream paper, with a pressed leaf and three pages of
                small, looping handwriting. It came from a woman in a coastal town I have never
                visited, whom I have never met, and who now knows more about my garden than most
                of my friends do.

                ## Why now

                Pen pal clubs, some old and some newly founded, report rising membership. The
                people joining often say the same thing: they spend all day messaging and want
                something slower. A letter cannot be answered in a second, and it does not arrive
                with a count of how many people liked it.

                ## The pleasure of waiting

                There is a particular joy in finding a letter on the mat, and in sitting down with
                a pen to reply. Writing by hand slows thought down. You cannot easily delete a
                sentence, so you think before you write it.

                ## How people find each other

                Many clubs match members by interests and age, and some keep directories where
                people can introduce themselves before exchanging addresses. Sensible precautions
                apply: plenty of members use a PO box or the club's forwarding address.

                ## Not instead of, but as well as

                Most letter writers still use social media and messaging. They simply keep one
                relationship that runs at the speed of the post. My correspondent and I now
                exchange the occasional photo by email, too. But we save the real news for the
                letters.
                """
            ),
        ),
    ),
    ArticleSpec(
        slug="a-short-history-of-the-selfie",
        title="A Short History of the Selfie",
        section="culture",
        authors=("daniel-osei",),
        tags=("social media", "technology", "design"),
        days_ago=131,
        hero="bubbles-teal",
        lede="People have made pictures of themselves for centuries. The phone just made it quick.",
        body=(
            text(
                """
                The selfie is often treated as a symptom of modern vanity, but the urge to make a
                picture of oneself is much older than the front-facing camera.

                ## Painters first

                Artists have painted self-portraits for centuries, partly because they were
                always available as a model. Some returned to their own faces again and again
                over a lifetime, leaving what amounts to a diary of ageing in paint.

                ## The camera turns around

                Early photographers made self-portraits too, holding still through long
                exposures or using a cable to trigger the shutter. In the twentieth century the
                photo booth made the self-portrait cheap and fun: four frames for a coin, pulled
                faces included.

                ## Arm's length

                Film cameras held at arm's length produced blurry, off-centre pictures that had
                to wait for the chemist. Digital cameras with flip-out screens helped. The real
                change came when phones gained a camera on the front, and people could see
                themselves as they took the picture.

                ## What selfies are for

                Researchers who study selfies find them used for many things: to mark an
                occasion, to say “I was here”, to keep in touch, to try out an identity, to show
                a friend a new haircut. Some are carefully staged; many are throwaway messages.

                Seen that way, the selfie is less a new vice than an old habit with a faster
                camera.
                """
            ),
        ),
    ),
    ArticleSpec(
        slug="street-pianos-and-public-joy",
        title="Street Pianos and Public Joy",
        section="culture",
        authors=("hannah-greaves",),
        tags=("music", "cities", "community"),
        days_ago=145,
        hero="waves-dusk",
        lede=(
            "A piano left in a station with a sign saying “play me” can change the mood of a "
            "whole concourse."
        ),
        body=(
            text(
                """
                The piano at the railway station is battered, slightly out of tune and covered in
                stickers. On a weekday morning a commuter plays two minutes of a waltz before her
                train. At lunchtime a teenager works through a pop song with one finger. In the
                evening a retired music teacher gives an impromptu recital and gathers a small
                crowd.

                ## Why it works

                A public piano is an invitation with no instructions. Anyone can play, nobody has
                to, and the people passing by become an audience without deciding to. Strangers
                who would never speak to each other applaud the same player.

                ## Who plays

                The regulars include people who learned as children and have no instrument at
                home, students practising for exams, and people who play only here, where nobody
                knows them. Station staff say a few commuters plan their journeys around the
                piano.

                ## Looking after it

                Public pianos need care: tuning, a cover for rainy days, the occasional repair
                after over-enthusiastic playing. In many towns a small group of volunteers looks
                after them, and some pianos have been adopted by local music shops.

                ## More than music

                Stations, hospitals and shopping centres can be anonymous places. A piano makes
                them a little more human. As one regular put it, it is hard to stay in a bad mood
                when someone nearby is playing ragtime badly and enjoying every minute.
                """
            ),
        ),
    ),
)
