using Medimail.Directory.Search;

namespace Medimail.Directory.UnitTests;

public sealed class WordPostingsTests
{
    [Fact]
    public void Prefix_lookups_match_a_plain_dictionary_through_many_batches_of_adds_and_removes()
    {
        // A tiny run size, so the batches below go through every path: merges into the recent run, merges of it into
        // the settled run, and clean-ups of emptied words.
        var words = new WordPostings(minRecentRun: 4);
        var model = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
        var vocabulary = Enumerable.Range(0, 300).Select(i => $"{(char)('a' + i % 5)}{(char)('a' + i / 5 % 7)}{i}").ToArray();
        var random = new Random(20261124);

        for (var batch = 0; batch < 400; batch++)
        {
            for (var change = random.Next(1, 30); change > 0; change--)
            {
                var word = vocabulary[random.Next(vocabulary.Length)];
                var slot = random.Next(40);
                if (random.Next(3) == 0)
                {
                    words.Remove(word, slot);
                    if (model.TryGetValue(word, out var slots) && slots.Remove(slot) && slots.Count == 0)
                        model.Remove(word);
                }
                else
                {
                    words.Add(word, slot);
                    model.TryAdd(word, []);
                    model[word].Add(slot);
                }
            }
            words.Commit();

            foreach (var prefix in new[] { "a", "b", "ca", "dd", "e", "ab1", "zz" })
            {
                var expected = model.Where(w => w.Key.StartsWith(prefix, StringComparison.Ordinal))
                    .ToDictionary(w => w.Key, w => w.Value.Order().ToArray());
                var found = words.StartingWith(prefix).ToList();
                Assert.Equal(expected.Count, found.Count);   // each word once, emptied words left out
                Assert.Equal(expected, found.ToDictionary(w => w.Word, w => w.Slots.Order().ToArray()));
                Assert.Equal(expected.Values.Sum(s => s.Length), words.CountStartingWith(prefix));
            }
        }
    }

    [Fact]
    public void A_word_emptied_then_used_again_is_found_once()
    {
        var words = new WordPostings(minRecentRun: 4);
        words.Add("martin", 1);
        words.Commit();
        words.Remove("martin", 1);
        words.Commit();
        Assert.Empty(words.StartingWith("mar"));

        words.Add("martin", 2);
        words.Add("martine", 3);
        words.Commit();

        Assert.Equal(["martin", "martine"], words.StartingWith("mar").Select(w => w.Word).Order());
        Assert.Equal([2], words.StartingWith("martin").First(w => w.Word == "martin").Slots);
        Assert.Equal(2, words.CountStartingWith("mar"));
    }
}
