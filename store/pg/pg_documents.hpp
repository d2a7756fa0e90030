#pragma once
// The documents of a PostgreSQL store (the `documents` table) on one connection, inside the
// transaction open there: a restore stores them in the transaction that appends its events
// (store/pg/pg_restore.cpp). Internal to store/pg/.
#include <memory>
#include <string>

#include "store/document_store.hpp"
#include "store/pg/pg_connection.hpp"

namespace mentorflow::store::pg {

// `display` names the database in messages (Pool::display()). `conn` must outlive the result.
std::unique_ptr<DocumentStore> documents_on(Connection& conn, std::string display);

}  // namespace mentorflow::store::pg
