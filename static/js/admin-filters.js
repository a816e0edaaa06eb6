'use strict';
// Applies an autocomplete list filter (templates/admin/autocomplete_filter.html) as soon as a
// row is chosen or the choice is cleared: the page's address carries the filter, as every
// other filter's link does. Runs after the admin's autocomplete.js has set up select2.
{
    const $ = django.jQuery;

    $(function() {
        $('.autocomplete-filter-box').on('change', function() {
            const all = this.dataset.all || '?';
            const value = this.value;
            let target = all;
            if (value) {
                const joiner = all === '?' || all.endsWith('&') ? '' : '&';
                target = all + joiner + encodeURIComponent(this.dataset.parameter) + '=' +
                    encodeURIComponent(value);
            }
            window.location.href = target;
        });
    });
}
