from wagtail import hooks

from .addresses import LocalizedPageLinkHandler


# After Wagtail's own registration (order 0), so that this handler replaces Wagtail's for "page" links.
@hooks.register("register_rich_text_features", order=100)
def register_localized_page_links(features):
    features.register_link_type(LocalizedPageLinkHandler)
