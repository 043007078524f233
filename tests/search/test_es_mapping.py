"""The Elasticsearch index, exactly as it is created, and each listing as it is stored."""

from datetime import time

from search.engine import DirectoryDocument, OpeningTime
from search.es.engine import bulk_actions
from search.es.index import SYNONYMS, directory_index, source

NORMALISE = ["english_possessive", "lowercase", "asciifolding"]
TEXT = {
    "analyzer": "directory_english",
    "search_analyzer": "directory_english_search",
    "type": "text",
}


def test_index_settings_analysis_and_mapping_are_exactly_these():
    assert directory_index("hub-directory-1", alias="hub-directory").to_dict() == {
        "settings": {
            "number_of_shards": 1,
            "number_of_replicas": 0,
            "analysis": {
                "analyzer": {
                    "directory_english": {
                        "type": "custom",
                        "tokenizer": "standard",
                        "filter": [*NORMALISE, "english_stop", "english_stemmer"],
                    },
                    "directory_english_search": {
                        "type": "custom",
                        "tokenizer": "standard",
                        # synonyms only when searching, before stop words and stemming
                        "filter": [
                            *NORMALISE,
                            "directory_synonyms",
                            "english_stop",
                            "english_stemmer",
                        ],
                    },
                },
                "filter": {
                    "english_possessive": {"type": "stemmer", "language": "possessive_english"},
                    "english_stop": {"type": "stop", "stopwords": "_english_"},
                    "english_stemmer": {"type": "stemmer", "language": "english"},
                    "directory_synonyms": {"type": "synonym_graph", "synonyms": list(SYNONYMS)},
                },
                "normalizer": {
                    "directory_sortable": {
                        "type": "custom",
                        "filter": ["lowercase", "asciifolding"],
                    }
                },
            },
        },
        "aliases": {"hub-directory": {}},
        "mappings": {
            "dynamic": "strict",
            "properties": {
                "id": {"type": "long"},
                "name": {
                    **TEXT,
                    "fields": {"sort": {"type": "keyword", "normalizer": "directory_sortable"}},
                },
                "keywords": TEXT,
                "body": TEXT,
                "extra": TEXT,
                "location": {"type": "geo_point"},
                "category": {"type": "keyword"},
                "area": {"type": "keyword"},
                "language": {"type": "keyword"},
                "age_band": {"type": "keyword"},
                "day": {"type": "keyword"},
                "access": {"type": "keyword"},
                "minimum_age": {"type": "short"},
                "maximum_age": {"type": "short"},
                "is_free": {"type": "boolean"},
                "wheelchair": {"type": "boolean"},
                "reviewed": {"type": "date"},
                "openings": {
                    "type": "nested",
                    "properties": {
                        "weekday": {"type": "byte"},
                        "opens": {"type": "integer"},
                        "closes": {"type": "integer"},
                    },
                },
            },
        },
    }


def test_the_analyser_folds_spelling_variants_only():
    groups = [{word.strip() for word in line.split(",")} for line in SYNONYMS]
    assert {"counselling", "counseling"} in groups
    assert not any("talking therapy" in group for group in groups)  # the shared thesaurus


OPEN_TUESDAY_EVENING = OpeningTime(2, time(18), time(20, 30))
BOXING = DirectoryDocument(
    id=7,
    name="Boxing club",
    keywords="Sport",
    body="Training for teenagers.",
    extra="1 Market Street Nottingham",
    latitude=52.954,
    longitude=-1.148,
    facets={"category": ("sport", "youth", "sport"), "area": ("nottingham-city",)},
    minimum_age=11,
    maximum_age=18,
    is_free=True,
    wheelchair=True,
    openings=(OPEN_TUESDAY_EVENING,),
)


def test_a_listing_is_stored_with_every_filterable_fact():
    assert source(BOXING) == {
        "id": 7,
        "name": "Boxing club",
        "keywords": "Sport",
        "body": "Training for teenagers.",
        "extra": "1 Market Street Nottingham",
        "location": {"lat": 52.954, "lon": -1.148},
        "category": ["sport", "youth"],
        "area": ["nottingham-city"],
        "language": [],
        "age_band": ["12-17", "18-25", "5-11"],
        "day": ["2"],
        "access": [],
        "minimum_age": 11,
        "maximum_age": 18,
        "is_free": True,
        "wheelchair": True,
        "reviewed": None,
        "openings": [{"weekday": 2, "opens": 64800, "closes": 73800}],
    }


def test_a_listing_without_a_place_has_no_location():
    stored = source(DirectoryDocument(id=8, name="Online counselling"))
    assert stored["location"] is None
    assert stored["openings"] == []


def test_one_bulk_request_writes_to_every_target_index_and_deletes_the_rest():
    online = DirectoryDocument(id=8, name="Online counselling")
    assert bulk_actions([online], [9], ["hub-2", "hub-1"]) == [
        {"_op_type": "index", "_index": "hub-1", "_id": 8, "_source": source(online)},
        {"_op_type": "delete", "_index": "hub-1", "_id": 9},
        {"_op_type": "index", "_index": "hub-2", "_id": 8, "_source": source(online)},
        {"_op_type": "delete", "_index": "hub-2", "_id": 9},
    ]
