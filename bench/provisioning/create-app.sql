-- pgbench's side of the provisioning benchmark: the rows one CreateAccount of an APP box writes that the issue names,
-- the account and its outbox event, in one transaction (pgbench replaces :name even inside quotes), with the values the service writes (bench/provisioning/run.sh
-- passes -D structure=<uuid> national=<id> person=<address> org=<address> run=<prefix>). The service also writes an idempotency key
-- and an audit entry in the same transaction, and validates first: that is its extra work, not pgbench's.
\set n random(1, 1000000000)
BEGIN;
INSERT INTO accounts (email, type, state, structure_id, last_name, first_name, independent_practice, return_address,
  description, connection_accounts, unlisted_regional, unlisted_national, warnings, search_words, created_at, updated_at,
  version, address_city, address_department_code, address_line1, address_postal_code, address_region_code,
  responsible_first_name, responsible_identifier, responsible_last_name, responsible_profession)
VALUES (':run-:client_id-:n@app.bench.medimail.fr', 'APP', 'ACTIVE', ':structure', 'RADIOLOGIE',
  'CHU de Toulouse', false, ':org', 'Comptes rendus de radiologie envoyés automatiquement', ARRAY[':person'], true, true,
  ARRAY['L''ANS préconise une adresse générique de type « no-reply » pour une BAL APP (ex. no-reply@mastructure.fr).'],
  ' radiologie chu de toulouse ', now(), now(), 1, 'TOULOUSE', '31', '1 place du Docteur Baylac', '31059', '76',
  'Claire', '10987654323', 'MARTIN', '10');
INSERT INTO outbox_messages (id, message_type, payload, correlation_id, created_at, next_attempt_at, attempts)
VALUES (gen_random_uuid(), 'Medimail.Contracts.AccountCreated', json_build_object('account', json_build_object(
  'email', ':run-:client_id-:n@app.bench.medimail.fr', 'type', 'APP', 'state', 'ACTIVE',
  'structureId', ':structure', 'version', 1, 'lastName', 'RADIOLOGIE', 'firstName', 'CHU de Toulouse',
  'address', json_build_object('line1', '1 place du Docteur Baylac', 'postalCode', '31059', 'city', 'TOULOUSE',
    'departmentCode', '31', 'regionCode', '76'),
  'independentPractice', false, 'description', 'Comptes rendus de radiologie envoyés automatiquement',
  'returnAddress', ':org', 'structureNationalId', ':national', 'connectionAccounts', json_build_array(':person'), 'unlistedRegional', true,
  'unlistedNational', true, 'updatedAt', now()), 'createdBy', 'pgbench'), md5(random()::text), now(), now(), 0);
COMMIT;
