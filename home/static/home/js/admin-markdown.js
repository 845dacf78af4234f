/*
 * Masthead: options for the admin's markdown editor (EasyMDE, from wagtail-markdown).
 * Its spell checker downloads dictionaries from a CDN on every page load; the
 * admin must work offline and make no third-party requests, so it is off.
 * Browsers' own spell checking still works in the editor.
 */
window.wagtailMarkdown = window.wagtailMarkdown || {};
window.wagtailMarkdown.options = Object.assign(window.wagtailMarkdown.options || {}, {
    spellChecker: false,
    nativeSpellcheck: true,
});
