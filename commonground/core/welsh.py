"""Welsh soft mutation, for a name that follows a preposition such as "ar" (on).

"ar" softens the first consonant of the word after it: Bwrdd → ar Fwrdd, Partneriaeth →
ar Bartneriaeth, Grŵp → ar Rŵp, Llywodraeth → ar Lywodraeth. Names of places and bodies that users enter in
Welsh follow the rule, so the platform mutates them rather than storing each form; English
names in a Welsh sentence stay as they are (the caller passes only Welsh text).
"""

# Longest first, so "ll" and "rh" are tried before "l" and "r" would be (they do not change).
_SOFT = [
    ("ll", "l"),
    ("rh", "r"),
    ("p", "b"),
    ("t", "d"),
    ("c", "g"),
    ("b", "f"),
    ("d", "dd"),
    ("g", ""),
    ("m", "f"),
]


def soft_mutation(phrase: str) -> str:
    """``phrase`` with its first word softened; capitals are kept ("Bwrdd" → "Fwrdd")."""
    if not phrase:
        return phrase
    lower = phrase.lower()
    for radical, mutated in _SOFT:
        if lower.startswith(radical):
            rest = phrase[len(radical) :]
            if not mutated:  # g drops: the next letter takes the capital
                return rest[:1].upper() + rest[1:] if phrase[0].isupper() else rest
            head = mutated.capitalize() if phrase[0].isupper() else mutated
            return head + rest
    return phrase
