"""The stages of reading one document, in the order `Analyzer.analyze_document` runs them:

- sentences: each paragraph in its language, each sentence with its mentions (annotate/ finds them)
- coref:     one actor per name; surnames, pronouns, "the two leaders"; people the knowledge base lacks
- sources:   quotes and their speakers; reporting clauses and sources no frame may read
- dating:    the anchor relative dates count from; the date each frame takes from its times
- frames:    the clauses that tell of a meeting, with what each states (status, modality, place, round)
- infer:     the mechanism of a round that names none; a meeting's place and date from elsewhere
- clusters:  the frames that tell of one meeting, as one cluster
- events:    each cluster as an event mention with its evidence; topics; quotes to their meetings

`cues` compiles each language pack's phrase lists once for all of them.
"""
