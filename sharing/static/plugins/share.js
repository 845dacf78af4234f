/* Share row: copy the link and open the device's share sheet where the browser can.
   Without this script every button still works: the networks' buttons are plain
   links, "Copy link" is a link to the article, and the share-sheet button stays hidden. */
(function () {
    "use strict";

    function announcer(row) {
        var status = row.querySelector("[data-share-status]");
        return function (message) {
            if (!status) {
                return;
            }
            // Emptying first makes screen readers repeat the same message on a second copy.
            status.textContent = "";
            window.setTimeout(function () {
                status.textContent = message;
            }, 100);
        };
    }

    function enhanceCopy(link, announce) {
        if (!navigator.clipboard || !window.isSecureContext) {
            return; // the plain link remains, and the address bar has the address
        }
        link.addEventListener("click", function (event) {
            event.preventDefault();
            navigator.clipboard.writeText(link.href).then(
                function () {
                    announce("Link copied");
                },
                function () {
                    announce("Could not copy the link");
                }
            );
        });
    }

    function enhanceNative(button, announce) {
        if (typeof navigator.share !== "function") {
            return;
        }
        var data = {
            url: button.getAttribute("data-share-url"),
            title: button.getAttribute("data-share-title") || undefined,
            text: button.getAttribute("data-share-text") || undefined,
        };
        button.hidden = false;
        button.addEventListener("click", function () {
            navigator.share(data).catch(function (error) {
                // Closing the share sheet is a choice, not a failure.
                if (error && error.name !== "AbortError") {
                    announce("Could not open the share sheet");
                }
            });
        });
    }

    document.querySelectorAll("[data-share-row]").forEach(function (row) {
        var announce = announcer(row);
        row.querySelectorAll("[data-share-copy]").forEach(function (link) {
            enhanceCopy(link, announce);
        });
        row.querySelectorAll("[data-share-native]").forEach(function (button) {
            enhanceNative(button, announce);
        });
    });
})();
