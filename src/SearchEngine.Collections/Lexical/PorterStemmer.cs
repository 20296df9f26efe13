namespace SearchEngine.Collections.Lexical;

/// <summary>
/// The Porter stemming algorithm (M. F. Porter, "An algorithm for suffix stripping", Program 14(3), 1980), after the
/// author's reference C implementation, working in place on a lower-case ASCII word so query analysis allocates nothing.
/// Porter rather than Snowball English: it is small, well specified, and what matters for ranking is only that documents
/// and queries are stemmed alike ("dogs", "running" and "runs" meet "dog" and "run").
/// </summary>
public static class PorterStemmer
{
    /// <summary>Stems <paramref name="word"/> (lower-case a–z) in place and returns the stem's length.</summary>
    public static int Stem(Span<char> word)
    {
        if (word.Length <= 2)
        {
            return word.Length;
        }

        var w = new Word(word);
        w.Step1ab();
        if (w.K > 0)
        {
            w.Step1c();
            w.Step2();
            w.Step3();
            w.Step4();
            w.Step5();
        }

        return w.K + 1;
    }

    /// <summary>The reference implementation's state: the buffer b, its last index k and the general offset j.</summary>
    private ref struct Word(Span<char> b)
    {
        private readonly Span<char> _b = b;
        private int _j;

        public int K { get; private set; } = b.Length - 1;

        private readonly bool IsConsonant(int i) => _b[i] switch
        {
            'a' or 'e' or 'i' or 'o' or 'u' => false,
            'y' => i == 0 || !IsConsonant(i - 1),
            _ => true,
        };

        /// <summary>The number of vowel–consonant sequences in b[0..j].</summary>
        private readonly int Measure()
        {
            // [C](VC){m}[V]: past the leading consonants, each vowel run followed by a consonant run counts one.
            var i = SkipRun(0, consonants: true);
            var n = 0;
            while (true)
            {
                i = SkipRun(i, consonants: false);
                if (i > _j)
                {
                    return n;
                }

                i = SkipRun(i, consonants: true);
                n++;
                if (i > _j)
                {
                    return n;
                }
            }
        }

        /// <summary>The first index from <paramref name="i"/> on (at most j + 1) whose letter is not of the given kind.</summary>
        private readonly int SkipRun(int i, bool consonants)
        {
            while (i <= _j && IsConsonant(i) == consonants)
            {
                i++;
            }

            return i;
        }

        private readonly bool VowelInStem()
        {
            for (var i = 0; i <= _j; i++)
            {
                if (!IsConsonant(i))
                {
                    return true;
                }
            }

            return false;
        }

        private readonly bool DoubleConsonant(int i) => i >= 1 && _b[i] == _b[i - 1] && IsConsonant(i);

        /// <summary>consonant–vowel–consonant ending at i, the last not w, x or y (e.g. -hop in "hop").</summary>
        private readonly bool Cvc(int i) =>
            i >= 2 && IsConsonant(i) && !IsConsonant(i - 1) && IsConsonant(i - 2) && _b[i] is not ('w' or 'x' or 'y');

        private bool Ends(string suffix)
        {
            var length = suffix.Length;
            if (length > K + 1 || _b[K] != suffix[length - 1] || !_b.Slice(K - length + 1, length).SequenceEqual(suffix))
            {
                return false;
            }

            _j = K - length;
            return true;
        }

        private void SetTo(string replacement)
        {
            replacement.AsSpan().CopyTo(_b[(_j + 1)..]);
            K = _j + replacement.Length;
        }

        private void ReplaceIfMeasured(string replacement)
        {
            if (Measure() > 0)
            {
                SetTo(replacement);
            }
        }

        /// <summary>Plurals and -ed or -ing: caresses → caress, ponies → poni, meetings → meet, hopping → hop.</summary>
        public void Step1ab()
        {
            if (_b[K] == 's')
            {
                if (Ends("sses"))
                {
                    K -= 2;
                }
                else if (Ends("ies"))
                {
                    SetTo("i");
                }
                else if (_b[K - 1] != 's')
                {
                    K--;
                }
            }

            if (Ends("eed"))
            {
                if (Measure() > 0)
                {
                    K--;
                }
            }
            else if ((Ends("ed") || Ends("ing")) && VowelInStem())
            {
                K = _j;
                if (Ends("at"))
                {
                    SetTo("ate");
                }
                else if (Ends("bl"))
                {
                    SetTo("ble");
                }
                else if (Ends("iz"))
                {
                    SetTo("ize");
                }
                else if (DoubleConsonant(K))
                {
                    K--;
                    if (_b[K] is 'l' or 's' or 'z')
                    {
                        K++;
                    }
                }
                else if (MeasureTo(K) == 1 && Cvc(K))
                {
                    _j = K;
                    SetTo("e");
                }
            }
        }

        private int MeasureTo(int end)
        {
            _j = end;
            return Measure();
        }

        /// <summary>Terminal y → i when there is another vowel in the stem.</summary>
        public void Step1c()
        {
            if (Ends("y") && VowelInStem())
            {
                _b[K] = 'i';
            }
        }

        /// <summary>Double suffixes to single ones: -ization → -ize, -fulness → -ful, …</summary>
        public void Step2()
        {
            _ = _b[K - 1] switch
            {
                'a' => Try("ational", "ate") || Try("tional", "tion"),
                'c' => Try("enci", "ence") || Try("anci", "ance"),
                'e' => Try("izer", "ize"),
                'l' => Try("bli", "ble") || Try("alli", "al") || Try("entli", "ent") || Try("eli", "e") || Try("ousli", "ous"),
                'o' => Try("ization", "ize") || Try("ation", "ate") || Try("ator", "ate"),
                's' => Try("alism", "al") || Try("iveness", "ive") || Try("fulness", "ful") || Try("ousness", "ous"),
                't' => Try("aliti", "al") || Try("iviti", "ive") || Try("biliti", "ble"),
                'g' => Try("logi", "log"),
                _ => false,
            };
        }

        /// <summary>-ic-, -full, -ness and similar.</summary>
        public void Step3()
        {
            _ = _b[K] switch
            {
                'e' => Try("icate", "ic") || Try("ative", "") || Try("alize", "al"),
                'i' => Try("iciti", "ic"),
                'l' => Try("ical", "ic") || Try("ful", ""),
                's' => Try("ness", ""),
                _ => false,
            };
        }

        /// <summary>Takes off -ant, -ence and the like in context &lt;c&gt;vcvc&lt;v&gt;.</summary>
        public void Step4()
        {
            if (K < 1)
            {
                return;
            }

            var matched = _b[K - 1] switch
            {
                'a' => Ends("al"),
                'c' => Ends("ance") || Ends("ence"),
                'e' => Ends("er"),
                'i' => Ends("ic"),
                'l' => Ends("able") || Ends("ible"),
                'n' => Ends("ant") || Ends("ement") || Ends("ment") || Ends("ent"),
                'o' => (Ends("ion") && _j >= 0 && _b[_j] is 's' or 't') || Ends("ou"),
                's' => Ends("ism"),
                't' => Ends("ate") || Ends("iti"),
                'u' => Ends("ous"),
                'v' => Ends("ive"),
                'z' => Ends("ize"),
                _ => false,
            };
            if (matched && Measure() > 1)
            {
                K = _j;
            }
        }

        /// <summary>Removes a final -e when the measure allows it, and -ll → -l.</summary>
        public void Step5()
        {
            _j = K;
            if (_b[K] == 'e')
            {
                var a = Measure();
                if (a > 1 || (a == 1 && !Cvc(K - 1)))
                {
                    K--;
                }
            }

            // As the reference: the measure is still taken up to the word's end before the -e came off.
            if (_b[K] == 'l' && DoubleConsonant(K) && Measure() > 1)
            {
                K--;
            }
        }

        private bool Try(string suffix, string replacement)
        {
            if (!Ends(suffix))
            {
                return false;
            }

            ReplaceIfMeasured(replacement);
            return true;
        }
    }
}
