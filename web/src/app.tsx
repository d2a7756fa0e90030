// The application: who is signed in, which page the hash names, and the frame around it.
import { useEffect, useState } from "preact/hooks";
import * as api from "./api";
import type { Me } from "./types";
import { t, useLang } from "./i18n";
import { href, parseRoute, type Route } from "./lib/route";
import { Loading } from "./components/Loading";
import { Shell } from "./components/Shell";
import { ApplyPage } from "./pages/apply/ApplyPage";
import { AuditPage } from "./pages/audit/AuditPage";
import { CasePage } from "./pages/case/CasePage";
import { CasesPage } from "./pages/cases/CasesPage";
import { CertificatesPage } from "./pages/certificates/CertificatesPage";
import { DashboardPage } from "./pages/dashboard/DashboardPage";
import { DesignerPage } from "./pages/designer/DesignerPage";
import { Home } from "./pages/home/Home";
import { ImportPage } from "./pages/import/ImportPage";
import { MatchingPage } from "./pages/matching/MatchingPage";
import { PlacementsPage } from "./pages/placements/PlacementsPage";
import { SignIn } from "./pages/signin/SignIn";

function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const on = () => setRoute(parseRoute(location.hash));
    addEventListener("hashchange", on);
    return () => removeEventListener("hashchange", on);
  }, []);
  return route;
}

function Page({ route, me }: { route: Route; me: Me }) {
  switch (route.page) {
    case "home": case "signin": return <Home me={me} />;
    case "case": return <CasePage name={route.name} me={me} doCommand={route.query.do} />;
    case "apply": return <ApplyPage edition={route.edition} type={route.type} me={me} />;
    case "designer": return <DesignerPage me={me} />;
    case "edition":
      switch (route.view) {
        case "dashboard": return <DashboardPage edition={route.edition} />;
        case "cases": return <CasesPage edition={route.edition} query={route.query} />;
        case "matching": return <MatchingPage edition={route.edition} />;
        case "import": return <ImportPage edition={route.edition} />;
        case "placements": return <PlacementsPage edition={route.edition} query={route.query} me={me} />;
        case "certificates": return <CertificatesPage edition={route.edition} />;
        case "audit": return <AuditPage edition={route.edition} />;
      }
      break;
  }
  return <p class="error" role="alert">{t("not_found", { path: route.page === "not_found" ? route.path : "" })}</p>;
}

export function App() {
  useLang();
  const route = useRoute();
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [expired, setExpired] = useState(false);

  useEffect(() => {
    api.setUnauthorizedHandler(() => { setExpired(true); setMe(null); });
    api.me().then(setMe, () => setMe(null));
  }, []);

  // Each page's title names the page, and focus moves to it, so a screen reader hears the change.
  useEffect(() => {
    const h1 = document.querySelector("main h1");
    document.title = `${h1?.textContent ?? ""} · mentorflow`;
  });
  useEffect(() => { document.getElementById("main")?.focus({ preventScroll: true }); }, [route]);

  const signOut = async () => {
    await api.signOut();
    setExpired(false);
    setMe(null);
    location.hash = href.signin();
  };

  return (
    <Shell me={me ?? null} onSignOut={signOut}>
      {me === undefined && <Loading />}
      {me === null && <SignIn expired={expired} onSignedIn={(m) => { setExpired(false); setMe(m); if (route.page === "signin") location.hash = href.home(); }} />}
      {me && <Page route={route} me={me} />}
    </Shell>
  );
}
