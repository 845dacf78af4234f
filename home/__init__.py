"""The site around the articles: the home page, Settings → Theme, navigation, search,
robots.txt, error pages and ``quickstart``."""
