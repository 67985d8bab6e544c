// sourcecheck page: a click on any [n] marker (chat, claims table, source list, check tab) opens the quote of
// that marker's own answer. Marker ids are answer-scoped: "a3-1" is marker [1] of answer 3.
document.addEventListener('click', function (ev) {
  const a = ev.target.closest && ev.target.closest('a.sc-cite, a[href^="#sc-cite-"]');
  if (!a) return;
  ev.preventDefault();
  ev.stopPropagation();
  const key = (a.getAttribute('href') || '').replace('#sc-cite-', '') || a.dataset.n;
  const scope = key.indexOf('-') >= 0 ? key.split('-')[0] : '';
  document.querySelectorAll('.sc-sources[data-answer]').forEach(function (s) {
    if (scope) s.classList.toggle('sc-hidden', s.dataset.answer !== scope);
  });
  document.querySelectorAll('.sc-article').forEach(function (d) {
    const cites = (d.dataset.cites || '').split(' ');
    d.classList.toggle('sc-open', cites.indexOf(key) >= 0);
  });
  document.querySelectorAll('mark.sc-quote').forEach(function (m) { m.classList.remove('sc-active'); });
  const mark = document.getElementById('sc-q-' + key);
  if (mark) { mark.classList.add('sc-active'); mark.scrollIntoView({block: 'center'}); }
}, true);
