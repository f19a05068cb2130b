-- wrk script of `cargo xtask bench` and `cargo xtask soak`: POSTs majInscriptionAdministrative bodies
-- read from files, a given share of them invalid, counts the answers by status, and prints one line
-- `BANC_JSON {...}` that xtask reads (throughput, latency percentiles, statuses, errors).
--
-- wrk -t2 -c64 -d30s -s bench/remontees.lua URL -- VALIDES INVALIDES POURCENT_INVALIDES THREADS
--   VALIDES, INVALIDES: one JSON body per line (INVALIDES may be "-" when POURCENT is 0).
--   THREADS must be wrk's -t. Each thread takes every n-th body (n = THREADS), so that two threads never send
--   the same valid body at once; the valid file is ordered so that one candidate's consecutive
--   bodies differ (not duplicates of the last accepted one).

local chemin = "/ApiRest/majInscriptionAdministrative"
local entetes = { ["Content-Type"] = "application/json" }

local threads = {}
local prochain_id = 0

function setup(thread)
  thread:set("id", prochain_id)
  prochain_id = prochain_id + 1
  table.insert(threads, thread)
end

local function lire_lignes(fichier)
  local lignes = {}
  if fichier == "-" then
    return lignes
  end
  for ligne in io.lines(fichier) do
    if #ligne > 0 then
      table.insert(lignes, wrk.format("POST", chemin, entetes, ligne))
    end
  end
  return lignes
end

function init(args)
  valides = lire_lignes(args[1])
  invalides = lire_lignes(args[2])
  pourcent = tonumber(args[3]) or 0
  if #valides == 0 then
    error("aucun corps valide dans " .. tostring(args[1]))
  end
  if pourcent > 0 and #invalides == 0 then
    error("aucun corps invalide dans " .. tostring(args[2]))
  end
  nb_threads = tonumber(args[4]) or 1
  rang = 0
  envoyes_valides = 0
  envoyes_invalides = 0
  n200, n400, n422, n_autres = 0, 0, 0, 0
end

function request()
  rang = rang + 1
  -- Invalid bodies are spread evenly: request k is invalid when floor(k * p / 100) steps up.
  if pourcent > 0 and math.floor(rang * pourcent / 100) > math.floor((rang - 1) * pourcent / 100) then
    envoyes_invalides = envoyes_invalides + 1
    return invalides[(envoyes_invalides - 1) % #invalides + 1]
  end
  local indice = (envoyes_valides * nb_threads + id) % #valides
  envoyes_valides = envoyes_valides + 1
  return valides[indice + 1]
end

function response(status, headers, body)
  if status == 200 then
    n200 = n200 + 1
  elseif status == 400 then
    n400 = n400 + 1
  elseif status == 422 then
    n422 = n422 + 1
  else
    n_autres = n_autres + 1
  end
end

function done(summary, latency, requests)
  local somme = { envoyes_valides = 0, envoyes_invalides = 0, n200 = 0, n400 = 0, n422 = 0, n_autres = 0 }
  for _, thread in ipairs(threads) do
    for cle, _ in pairs(somme) do
      somme[cle] = somme[cle] + (thread:get(cle) or 0)
    end
  end
  local e = summary.errors
  io.write(string.format(
    'BANC_JSON {"requetes":%d,"duree_us":%d,"octets":%d,' ..
    '"erreurs":{"connexion":%d,"lecture":%d,"ecriture":%d,"statut":%d,"delai":%d},' ..
    '"latence_us":{"moyenne":%.1f,"p50":%d,"p90":%d,"p99":%d,"p999":%d,"max":%d},' ..
    '"statuts":{"200":%d,"400":%d,"422":%d,"autres":%d},' ..
    '"envoyes":{"valides":%d,"invalides":%d}}\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency.mean, latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency:percentile(99.9), latency.max,
    somme.n200, somme.n400, somme.n422, somme.n_autres,
    somme.envoyes_valides, somme.envoyes_invalides))
end
