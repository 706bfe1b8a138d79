// The vocabulary: every prefix, class and property newsgraph writes.
// Part of newsgraph::ontology; the only file in the code with namespace IRIs
// (ontology/newsgraph.ttl documents the same terms for users).
#pragma once

#include <array>
#include <string_view>

namespace newsgraph::ontology::vocab {

struct Prefix {
  std::string_view name;
  std::string_view iri;
};

inline constexpr std::string_view kNg = "https://w3id.org/newsgraph/ns#";
inline constexpr std::string_view kRdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
inline constexpr std::string_view kRdfs = "http://www.w3.org/2000/01/rdf-schema#";
inline constexpr std::string_view kXsd = "http://www.w3.org/2001/XMLSchema#";
inline constexpr std::string_view kSchema = "http://schema.org/";
inline constexpr std::string_view kProv = "http://www.w3.org/ns/prov#";
inline constexpr std::string_view kNif =
    "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#";
inline constexpr std::string_view kOwl = "http://www.w3.org/2002/07/owl#";
inline constexpr std::string_view kSkos = "http://www.w3.org/2004/02/skos/core#";
/// The topic scheme's concepts (ontology/data/topics.tsv): "<kTopics>trade".
inline constexpr std::string_view kTopics = "https://w3id.org/newsgraph/topic/";

/// Wikidata entities, the objects of owl:sameAs: "<kWikidataEntity>Q419".
inline constexpr std::string_view kWikidataEntity = "http://www.wikidata.org/entity/";

/// Default base for minted data IRIs; `--base` replaces it.
inline constexpr std::string_view kDefaultBase = "https://w3id.org/newsgraph/id/";

/// Internal name of the default graph inside a Sord model, never written.
/// Sord treats a null graph as a wildcard that equals every graph, so a
/// triple could not be held both in the default graph and in a named one.
inline constexpr std::string_view kDefaultGraph = "urn:x-newsgraph:default-graph";

/// Prefixes declared in every Turtle/TriG output, in this order.
inline constexpr std::array<Prefix, 11> kPrefixes{{
    {"ng", kNg},
    {"schema", kSchema},
    {"prov", kProv},
    {"nif", kNif},
    {"xsd", kXsd},
    {"rdf", kRdf},
    {"rdfs", kRdfs},
    {"skos", kSkos},
    {"topic", kTopics},
    {"owl", kOwl},
    {"wd", kWikidataEntity},
}};

/// A vocabulary term: namespace + local name, joined at compile time by callers.
struct Term {
  std::string_view ns;
  std::string_view local;
};

// rdf / xsd
inline constexpr Term kType{kRdf, "type"};
inline constexpr Term kXsdDate{kXsd, "date"};
inline constexpr Term kXsdInteger{kXsd, "nonNegativeInteger"};
inline constexpr Term kXsdDecimal{kXsd, "decimal"};
inline constexpr Term kLabel{kRdfs, "label"};

// schema.org: entities and articles
inline constexpr Term kPerson{kSchema, "Person"};
inline constexpr Term kCountry{kSchema, "Country"};
inline constexpr Term kCity{kSchema, "City"};
inline constexpr Term kOrganization{kSchema, "Organization"};
inline constexpr Term kNewsArticle{kSchema, "NewsArticle"};
inline constexpr Term kName{kSchema, "name"};
inline constexpr Term kAlternateName{kSchema, "alternateName"};
inline constexpr Term kUrl{kSchema, "url"};
inline constexpr Term kHeadline{kSchema, "headline"};
inline constexpr Term kDatePublished{kSchema, "datePublished"};
inline constexpr Term kIdentifier{kSchema, "identifier"};
inline constexpr Term kIsPartOf{kSchema, "isPartOf"};
inline constexpr Term kContainedInPlace{kSchema, "containedInPlace"};
inline constexpr Term kQuotation{kSchema, "Quotation"};
inline constexpr Term kSpokenBy{kSchema, "spokenByCharacter"};
inline constexpr Term kText{kSchema, "text"};

// NIF 2.1: text spans
inline constexpr Term kNifSentence{kNif, "Sentence"};
inline constexpr Term kNifPhrase{kNif, "Phrase"};
inline constexpr Term kAnchorOf{kNif, "anchorOf"};
inline constexpr Term kBeginIndex{kNif, "beginIndex"};
inline constexpr Term kEndIndex{kNif, "endIndex"};
inline constexpr Term kNifSentenceProp{kNif, "sentence"};

// PROV-O
inline constexpr Term kWasDerivedFrom{kProv, "wasDerivedFrom"};

// OWL: links to Wikidata
inline constexpr Term kSameAs{kOwl, "sameAs"};

// newsgraph: abstract fact classes, declared in newsgraph.ttl as the
// superclasses of the ones below (domains of their properties); not written.
inline constexpr Term kFact{kNg, "Fact"};
inline constexpr Term kPositionFact{kNg, "PositionFact"};
inline constexpr Term kMeetingFact{kNg, "MeetingFact"};
inline constexpr Term kVisitFact{kNg, "VisitFact"};

// newsgraph: fact classes (n-ary nodes)
inline constexpr Term kPosition{kNg, "Position"};
inline constexpr Term kFormerPosition{kNg, "FormerPosition"};
inline constexpr Term kNationality{kNg, "Nationality"};
inline constexpr Term kMeeting{kNg, "Meeting"};
inline constexpr Term kPlannedMeeting{kNg, "PlannedMeeting"};
inline constexpr Term kVisit{kNg, "Visit"};
inline constexpr Term kPlannedVisit{kNg, "PlannedVisit"};

// newsgraph: properties of fact nodes
inline constexpr Term kHolder{kNg, "holder"};
inline constexpr Term kRoleName{kNg, "roleName"};
inline constexpr Term kOfOrganization{kNg, "organization"};
inline constexpr Term kOrganizationText{kNg, "organizationText"};
inline constexpr Term kPersonProp{kNg, "person"};
inline constexpr Term kCountryProp{kNg, "country"};
inline constexpr Term kParticipant{kNg, "participant"};
inline constexpr Term kHost{kNg, "host"};
inline constexpr Term kGuest{kNg, "guest"};
inline constexpr Term kVisitor{kNg, "visitor"};
inline constexpr Term kDestination{kNg, "destination"};
inline constexpr Term kPlace{kNg, "place"};
inline constexpr Term kDate{kNg, "date"};
inline constexpr Term kDateText{kNg, "dateText"};
inline constexpr Term kFoundBy{kNg, "foundBy"};
inline constexpr Term kSourceFile{kNg, "sourceFile"};
inline constexpr Term kSourceLine{kNg, "sourceLine"};

// newsgraph: agreements, invitations, proposals, events, projects, relations
inline constexpr Term kAgreement{kNg, "Agreement"};
inline constexpr Term kPlannedAgreement{kNg, "PlannedAgreement"};
inline constexpr Term kInvitation{kNg, "Invitation"};
inline constexpr Term kProposal{kNg, "Proposal"};
inline constexpr Term kEvent{kSchema, "Event"};
inline constexpr Term kProject{kNg, "Project"};
inline constexpr Term kCountryRelation{kNg, "CountryRelation"};
inline constexpr Term kParty{kNg, "party"};
inline constexpr Term kSignedBy{kNg, "signedBy"};
inline constexpr Term kInviter{kNg, "inviter"};
inline constexpr Term kInvitee{kNg, "invitee"};
inline constexpr Term kProposer{kNg, "proposer"};
inline constexpr Term kAddressee{kNg, "addressee"};
inline constexpr Term kBuilder{kNg, "builder"};
inline constexpr Term kRelationType{kNg, "relationType"};
inline constexpr Term kSubjectCountry{kNg, "subjectCountry"};
inline constexpr Term kSince{kNg, "since"};
inline constexpr Term kEndDate{kNg, "endDate"};
inline constexpr Term kResolvedAgainst{kNg, "dateResolvedAgainst"};
inline constexpr Term kConfidence{kNg, "confidence"};
inline constexpr Term kTopic{kNg, "topic"};
inline constexpr Term kXsdGYear{kXsd, "gYear"};
inline constexpr Term kXsdGYearMonth{kXsd, "gYearMonth"};
inline constexpr Term kPeriod{kNg, "period"};

// SKOS: the topic scheme
inline constexpr Term kConcept{kSkos, "Concept"};
inline constexpr Term kConceptScheme{kSkos, "ConceptScheme"};
inline constexpr Term kPrefLabel{kSkos, "prefLabel"};
inline constexpr Term kInScheme{kSkos, "inScheme"};
inline constexpr Term kBroader{kSkos, "broader"};
inline constexpr Term kTopicScheme{kNg, "TopicScheme"};

// newsgraph: direct edges (the simple layer)
inline constexpr Term kMetWith{kNg, "metWith"};
inline constexpr Term kVisited{kNg, "visited"};
inline constexpr Term kNationalityOf{kNg, "nationality"};
inline constexpr Term kHoldsPosition{kNg, "holdsPosition"};
inline constexpr Term kCountryCode{kNg, "countryCode"};
inline constexpr Term kDirectQuote{kNg, "directQuote"};
inline constexpr Term kXsdBoolean{kXsd, "boolean"};

}  // namespace newsgraph::ontology::vocab
