// sourcecheck page: a click on any [n] marker (chat, claims table, source list) or on a Check-tab quote opens
// that citation's own quote in its article. Ids are scoped: "a3-1" is marker [1] of answer 3, "c1-2" quote 2
// of the claim check. Only the sources block holding the quote is shown among its siblings (the sources of the
// other answers), and only the article holding it is opened.
document.addEventListener('click', function (ev) {
  const a = ev.target.closest && ev.target.closest('a.sc-cite, a[href^="#sc-cite-"]');
  if (!a) return;
  ev.preventDefault();
  ev.stopPropagation();
  const key = (a.getAttribute('href') || '').replace('#sc-cite-', '') || a.dataset.n;
  const mark = document.getElementById('sc-q-' + key);
  if (!mark) return;
  const box = mark.closest('.sc-sources');
  Array.from(box.parentElement.children).forEach(function (s) {
    if (s.classList.contains('sc-sources')) s.classList.toggle('sc-hidden', s !== box);
  });
  box.querySelectorAll('.sc-article').forEach(function (d) { d.classList.toggle('sc-open', d.contains(mark)); });
  document.querySelectorAll('mark.sc-quote.sc-active').forEach(function (m) { m.classList.remove('sc-active'); });
  mark.classList.add('sc-active');
  mark.scrollIntoView({block: 'center'});
}, true);
