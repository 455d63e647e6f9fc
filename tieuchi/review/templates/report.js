(function(){
  var sel=document.getElementById('checkfilter');
  function apply(){
    var v=sel.value;
    var els=document.querySelectorAll('[data-checks]');
    for(var i=0;i<els.length;i++){
      var checks=(els[i].getAttribute('data-checks')||'').split(' ');
      var show=!v||checks.indexOf(v)>=0;
      els[i].classList.toggle('hidden',!show);
    }
  }
  sel.addEventListener('change',apply);apply();
})();
