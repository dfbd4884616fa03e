//! mq patch: a set of delivery tags kept as ranges of consecutive tags. The publishes of a channel in
//! confirm-event mode get consecutive tags and the broker settles them mostly in order, so the tags
//! awaiting an answer are a few ranges, where an ordered map of single tags took about 48 bytes a publish.

use crate::types::DeliveryTag;
use std::collections::BTreeMap;

#[derive(Debug, Default)]
pub(crate) struct TagRanges {
    /// First tag of each range -> its last tag; ranges neither overlap nor touch.
    ranges: BTreeMap<DeliveryTag, DeliveryTag>,
}

impl TagRanges {
    /// Adds `tag`, above every tag kept so far (publishes take increasing tags).
    pub(crate) fn push(&mut self, tag: DeliveryTag) {
        if let Some((_, last)) = self.ranges.iter_mut().next_back()
            && last.checked_add(1) == Some(tag)
        {
            *last = tag;
            return;
        }
        self.ranges.insert(tag, tag);
    }

    /// Removes `tag`; false if it was not kept.
    pub(crate) fn remove(&mut self, tag: DeliveryTag) -> bool {
        let Some((&first, &last)) = self.ranges.range(..=tag).next_back() else {
            return false;
        };
        if last < tag {
            return false;
        }
        self.ranges.remove(&first);
        if first < tag {
            self.ranges.insert(first, tag - 1);
        }
        if tag < last {
            self.ranges.insert(tag + 1, last);
        }
        true
    }

    /// Removes every tag up to `tag` included, and returns them as ranges (first, last) in order.
    pub(crate) fn take_through(&mut self, tag: DeliveryTag) -> Vec<(DeliveryTag, DeliveryTag)> {
        let rest = match tag.checked_add(1) {
            Some(above) => self.ranges.split_off(&above),
            None => BTreeMap::new(),
        };
        let mut taken: Vec<_> = std::mem::replace(&mut self.ranges, rest).into_iter().collect();
        if let Some((_, last)) = taken.last_mut()
            && *last > tag
        {
            self.ranges.insert(tag + 1, *last);
            *last = tag;
        }
        taken
    }

    /// Removes and returns every range, in order.
    pub(crate) fn take_all(&mut self) -> Vec<(DeliveryTag, DeliveryTag)> {
        std::mem::take(&mut self.ranges).into_iter().collect()
    }

    /// Every tag kept, in order.
    pub(crate) fn tags(&self) -> impl Iterator<Item = DeliveryTag> + '_ {
        self.ranges.iter().flat_map(|(&first, &last)| first..=last)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filled(tags: impl IntoIterator<Item = DeliveryTag>) -> TagRanges {
        let mut r = TagRanges::default();
        for tag in tags {
            r.push(tag);
        }
        r
    }

    #[test]
    fn consecutive_tags_make_one_range() {
        let r = filled((1..=1000).chain([1002, 1003]));
        assert_eq!(r.ranges.len(), 2);
        assert_eq!(r.tags().count(), 1002);
    }

    #[test]
    fn removing_splits_a_range_and_refuses_what_is_not_kept() {
        let mut r = filled(1..=10);
        assert!(r.remove(5));
        assert!(!r.remove(5));
        assert!(r.remove(1));
        assert!(r.remove(10));
        assert!(!r.remove(11));
        assert!(!r.remove(0));
        assert_eq!(r.tags().collect::<Vec<_>>(), [2, 3, 4, 6, 7, 8, 9]);
        assert_eq!(r.ranges.len(), 2);
    }

    #[test]
    fn taking_through_a_tag_cuts_the_range_it_falls_in() {
        let mut r = filled((1..=5).chain(8..=12));
        r.remove(3);
        assert_eq!(r.take_through(9), [(1, 2), (4, 5), (8, 9)]);
        assert_eq!(r.tags().collect::<Vec<_>>(), [10, 11, 12]);
        assert_eq!(r.take_through(9), []);
        assert_eq!(r.take_through(u64::MAX), [(10, 12)]);
        let mut r = filled([u64::MAX - 1, u64::MAX]);
        assert_eq!(r.take_through(u64::MAX - 1), [(u64::MAX - 1, u64::MAX - 1)]);
        assert_eq!(r.take_all(), [(u64::MAX, u64::MAX)]);
        assert_eq!(r.tags().count(), 0);
    }
}
